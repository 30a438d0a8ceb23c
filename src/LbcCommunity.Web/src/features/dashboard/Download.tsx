import { useState } from "react";
import { useTranslation } from "react-i18next";
import { dashboardApi } from "./api";

/** A view's CSV: fetched with the access token (a plain link could not send it) and saved under the server's name. */
export function Download({ path, fileName, what }: { path: string; fileName: string; what: string }) {
  const { t } = useTranslation("dashboard");
  const [error, setError] = useState<string>();
  const save = () => {
    setError(undefined);
    dashboardApi.download(path, fileName).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <p className="download">
      <button type="button" onClick={save} data-csv={path}>{t("downloadOf", { what })}</button>
      {error && <span role="alert" className="error"> {error}</span>}
    </p>
  );
}
