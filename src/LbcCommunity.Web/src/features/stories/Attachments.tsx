import { useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { accessToken } from "../../auth";
import { attachmentPath, problemsOf, storiesApi, storiesKey, type Story } from "./api";
import { AttachmentList, type AttachmentSource } from "./StoryBody";

const accepted = "image/png,image/jpeg,image/gif,image/webp,application/pdf,.png,.jpg,.jpeg,.gif,.webp,.pdf";

/**
 * A draft's pictures and PDFs on its edit page: each uploaded at once (`POST …/attachments?fileName=&altText=`, the
 * file's bytes), with what the picture shows; the server reads the type from the content and refuses by field
 * (`file`: type, size, the eleventh; `fileName`; `altText`: a picture without it), shown beside that field.
 */
export function Attachments({ tenantId, story }: { tenantId: string; story: Story }) {
  const { t, i18n } = useTranslation("stories");
  const queries = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState("");
  const [news, setNews] = useState("");
  const [missing, setMissing] = useState(false);
  const key = [...storiesKey(tenantId), story.id];
  const refresh = () => queries.invalidateQueries({ queryKey: key });

  const upload = useMutation({
    mutationFn: (file: File) => storiesApi.attach(tenantId, story.id, file, file.name, alt),
    onSuccess: (added) => {
      setNews(t("attachments.uploaded", { name: added.fileName }));
      setAlt("");
      if (input.current) input.current.value = "";
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => storiesApi.removeAttachment(tenantId, story.id, id),
    onSuccess: (_, id) => { setNews(t("attachments.removed", { name: story.attachments.find((a) => a.id === id)?.fileName ?? id })); return refresh(); },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNews("");
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (file) upload.mutate(file);
  };
  // The body limit (413) names no field: it is the file's.
  const tooLarge = upload.error instanceof ApiError && upload.error.status === 413;
  const said = (found?: string[]) => found && (i18n.language === "en" ? found.join(" ") : t("attachments.problem"));
  const fileRefusals = [...(problemsOf(upload.error, "file") ?? []), ...(problemsOf(upload.error, "fileName") ?? [])];
  const fileProblem = missing ? t("attachments.chooseFile") : tooLarge ? t("attachments.tooLarge") : said(fileRefusals.length ? fileRefusals : undefined);
  const altProblem = said(problemsOf(upload.error, "altText"));
  const unnamed = upload.error && !fileProblem && !altProblem ? upload.error.message : undefined;
  const source = useMemo<AttachmentSource>(() => ({ url: (a) => attachmentPath(tenantId, story.id, a.id), token: accessToken }), [tenantId, story.id]);

  return (
    <section aria-labelledby="attachments-heading" className="attachments">
      <h2 id="attachments-heading">{t("attachments.heading")}</h2>
      {story.attachments.length === 0 ? <p>{t("attachments.none")}</p> : (
        <>
          <AttachmentList story={story} source={source} />
          <ul className="actions-list">
            {story.attachments.map((a) => (
              <li key={a.id}>
                <button type="button" disabled={remove.isPending} onClick={() => { setNews(""); remove.mutate(a.id); }}>{t("attachments.remove", { name: a.fileName })}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {remove.error && <p role="alert">{remove.error.message}</p>}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("attachments.add")}</legend>
          <p className="hint">{t("attachments.intro")}</p>
          <div className="field">
            <label htmlFor="attachment-file">{t("attachments.file")}</label>
            <input id="attachment-file" ref={input} type="file" accept={accepted}
              aria-invalid={fileProblem ? true : undefined} aria-describedby={fileProblem ? "attachment-file-problem" : undefined}
              onChange={() => setMissing(false)} />
            {fileProblem && <p id="attachment-file-problem" className="field-problem">{fileProblem}</p>}
          </div>
          <div className="field">
            <label htmlFor="attachment-alt">{t("attachments.alt")}</label>
            <p id="attachment-alt-hint" className="hint">{t("attachments.altHint")}</p>
            <textarea id="attachment-alt" value={alt} onChange={(e) => setAlt(e.target.value)}
              aria-invalid={altProblem ? true : undefined}
              aria-describedby={altProblem ? "attachment-alt-hint attachment-alt-problem" : "attachment-alt-hint"} />
            {altProblem && <p id="attachment-alt-problem" className="field-problem">{altProblem}</p>}
          </div>
          {unnamed && <p role="alert">{unnamed}</p>}
          <p role="status" className="news">{news}</p>
          <button type="submit" className="primary" disabled={upload.isPending}>{upload.isPending ? t("attachments.uploading") : t("attachments.upload")}</button>
        </fieldset>
      </form>
    </section>
  );
}
