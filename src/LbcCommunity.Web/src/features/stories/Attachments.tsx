import { useMemo, useRef, useState, type FormEvent } from "react";
import { useLocation } from "react-router-dom";
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
  // A file chosen on the new-story form and refused once the draft was saved: shown here as if uploaded here.
  const carried = (useLocation().state as { refused?: CarriedRefusal } | null)?.refused;
  const [carriedOpen, setCarriedOpen] = useState(!!carried);
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
    setCarriedOpen(false);
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (file) upload.mutate(file);
  };
  const refusal = upload.error ?? (carriedOpen && carried ? new ApiError(carried.message, carried.status, carried.code, carried.errors) : null);
  // The body limit (413) names no field: it is the file's.
  const tooLarge = refusal instanceof ApiError && refusal.status === 413;
  const said = (found?: string[]) => found && (i18n.language === "en" ? found.join(" ") : t("attachments.problem"));
  const fileRefusals = [...(problemsOf(refusal, "file") ?? []), ...(problemsOf(refusal, "fileName") ?? [])];
  const fileProblem = missing ? t("attachments.chooseFile") : tooLarge ? t("attachments.tooLarge") : said(fileRefusals.length ? fileRefusals : undefined);
  const altProblem = said(problemsOf(refusal, "altText"));
  const unnamed = refusal && !fileProblem && !altProblem ? refusal.message : undefined;
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
      {carriedOpen && carried && <p role="alert" className="refusal">{t("attachments.notAttached", { name: carried.fileName })}</p>}
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

/** A file's refusal carried from the new-story form to the draft's edit page (in the navigation's state). */
export interface CarriedRefusal { fileName: string; message: string; status: number; code?: string; errors: Record<string, string[]> }

/** A file chosen on the new-story form, with what it shows, sent once the draft is saved. */
export interface Queued { file: File; alt: string }

/**
 * On the new-story form: pictures and PDFs chosen before the draft exists, each with what it shows; they are uploaded
 * when the draft is saved (a story to attach to exists only then), and the server's refusal is shown on the draft's
 * edit page beside its field.
 */
export function FilePicker({ queued, setQueued }: { queued: Queued[]; setQueued: (q: Queued[]) => void }) {
  const { t } = useTranslation("stories");
  const input = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState("");
  const [missing, setMissing] = useState(false);
  const add = () => {
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (!file) return;
    setQueued([...queued, { file, alt: alt.trim() }]);
    setAlt("");
    input.current!.value = "";
  };
  return (
    <fieldset>
      <legend>{t("attachments.heading")}</legend>
      <p className="hint">{t("attachments.intro")} {t("attachments.onSave")}</p>
      {queued.length > 0 && (
        <ul className="actions-list" aria-label={t("attachments.chosen")}>
          {queued.map((q, i) => (
            <li key={`${q.file.name}-${i}`}>
              <span>{q.alt ? `${q.file.name} — ${q.alt}` : q.file.name}</span>{" "}
              <button type="button" onClick={() => setQueued(queued.filter((_, j) => j !== i))}>{t("attachments.remove", { name: q.file.name })}</button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="new-attachment-file">{t("attachments.file")}</label>
        <input id="new-attachment-file" ref={input} type="file" accept={accepted}
          aria-invalid={missing ? true : undefined} aria-describedby={missing ? "new-attachment-file-problem" : undefined} onChange={() => setMissing(false)} />
        {missing && <p id="new-attachment-file-problem" className="field-problem">{t("attachments.chooseFile")}</p>}
      </div>
      <div className="field">
        <label htmlFor="new-attachment-alt">{t("attachments.alt")}</label>
        <p id="new-attachment-alt-hint" className="hint">{t("attachments.altHint")}</p>
        <textarea id="new-attachment-alt" aria-describedby="new-attachment-alt-hint" value={alt} onChange={(e) => setAlt(e.target.value)} />
      </div>
      <button type="button" onClick={add}>{t("attachments.addToStory")}</button>
    </fieldset>
  );
}
