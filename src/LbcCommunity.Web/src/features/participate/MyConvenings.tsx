import { Link } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { accessToken } from "../../auth";
import "./messages";

/** A line of `GET …/me/convenings` (the fields this list shows). */
interface Listing { id: string; title: string; status: "Planned" | "Live" | "Ended"; startsAt?: string }

async function myConvenings(tenantId: string): Promise<Listing[]> {
  const response = await fetch(`/api/tenants/${encodeURIComponent(tenantId)}/me/convenings`, {
    headers: { Accept: "application/json", Authorization: `Bearer ${await accessToken()}` },
  });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return (await response.json()) as Listing[];
}

/** A member's convenings that are live or to come, each with the way in: live ones first. */
export function MyConvenings({ tenantId }: { tenantId: string }) {
  const { t, i18n } = useTranslation("participate");
  const list = useQuery({ queryKey: ["tenants", tenantId, "me", "convenings"], queryFn: () => myConvenings(tenantId) });
  const open = (list.data ?? []).filter((c) => c.status !== "Ended").sort((a, b) => (a.status === b.status ? 0 : a.status === "Live" ? -1 : 1));
  const when = (c: Listing) => (c.startsAt ? new Date(c.startsAt).toLocaleString(i18n.language) : "");

  return (
    <section aria-labelledby="my-convenings" className="my-convenings">
      <h2 id="my-convenings">{t("mine.heading")}</h2>
      {list.error && <p role="alert" className="error">{list.error.message}</p>}
      {list.isSuccess && open.length === 0 && <p>{t("mine.none")}</p>}
      <ul>
        {open.map((c) => (
          <li key={c.id}>
            <Link to={`/convenings/${encodeURIComponent(c.id)}/live`}>{c.title}</Link>{" "}
            <small>({c.status === "Live" ? t("mine.live") : when(c) || t("mine.planned")})</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
