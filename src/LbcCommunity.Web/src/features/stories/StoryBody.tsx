import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import DOMPurify from "dompurify";
import { downloadWith, type TokenSource } from "../../api";
import type { Story, StoryAttachment } from "./api";

/** Where a story's attachments are read: with the bearer token (a signed-in reader), or at public addresses (its link). */
export interface AttachmentSource { url: (attachment: StoryAttachment) => string; token?: TokenSource }

/**
 * A story's content as a person reads it, the same on the signed-in page and on the page of its link: the challenge,
 * what the team did, the outcomes as a table, the depth change, quotes, the body (the server's sanitized HTML,
 * sanitized once more here), and its attachments: pictures inline with their alt text, PDFs as links.
 * `tags` is what the page shows beside each tag (a follow button on the signed-in page).
 */
export function StoryBody({ story, rowTitle, attachments, tag }: {
  story: Story; rowTitle: (rowId: string) => string; attachments: AttachmentSource; tag?: (tag: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation("stories");
  const quotes = story.quotes.filter((q) => q.text);
  const number = (n: number | undefined, unit?: string) => n === undefined || n === null ? "" : `${n.toLocaleString(i18n.language)}${unit === "%" ? " %" : unit ? ` ${unit}` : ""}`;
  const tools = story.tools.map((tool) => tool === "Other" && story.otherTool ? story.otherTool : t(`tools.${tool}`));
  return (
    <>
      {story.challenge?.text && (
        <section aria-labelledby="challenge-heading">
          <h2 id="challenge-heading">{t("story.challenge")}</h2>
          {story.challenge.kind && <p><strong>{t(`story.challengeKinds.${story.challenge.kind}`)}</strong></p>}
          <p>{story.challenge.text}</p>
        </section>
      )}

      {(story.habits.length > 0 || story.tools.length > 0 || story.rowIds.length > 0) && (
        <section aria-labelledby="did-heading">
          <h2 id="did-heading">{t("story.did")}</h2>
          <dl>
            {story.habits.length > 0 && <><dt>{t("story.habits")}</dt><dd>{story.habits.map((h) => t(`habits.${h}`)).join(", ")}</dd></>}
            {story.rowIds.length > 0 && <><dt>{t("story.rows")}</dt><dd>{story.rowIds.map(rowTitle).join(", ")}</dd></>}
            {tools.length > 0 && <><dt>{t("story.tools")}</dt><dd>{tools.join(", ")}</dd></>}
          </dl>
        </section>
      )}

      {story.outcomes.length > 0 && (
        <section aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading">{t("story.outcomes")}</h2>
          <div className="table-box" role="region" aria-label={t("story.outcomesTable")} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  {(["measure", "baseline", "result", "period", "population", "source"] as const).map((k) => <th key={k} scope="col">{t(`story.${k}`)}</th>)}
                </tr>
              </thead>
              <tbody>
                {story.outcomes.map((o, i) => (
                  <tr key={i}>
                    <th scope="row">{o.measure}</th>
                    <td>{number(o.baseline, o.unit)}</td>
                    <td>{number(o.result, o.unit)}</td>
                    <td>{o.period}</td>
                    <td>{o.population}</td>
                    <td>{o.source}{o.verifiedBy && <> ({t("story.verifiedBy")}: {o.verifiedBy})</>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {story.depthChanges.length > 0 && (
        <section aria-labelledby="depth-heading">
          <h2 id="depth-heading">{t("story.depth")}</h2>
          <ul className="depth-lines">
            {story.depthChanges.map((c) => (
              <li key={c.rowId}>{t("story.depthLine", { row: rowTitle(c.rowId), from: t(`levels.${c.from}`), to: t(`levels.${c.to}`), period: c.period })}</li>
            ))}
          </ul>
        </section>
      )}

      {quotes.length > 0 && (
        <section aria-labelledby="quotes-heading">
          <h2 id="quotes-heading">{t("story.quotes")}</h2>
          {quotes.map((q, i) => (
            <figure key={i}>
              <blockquote><p>{q.text}</p></blockquote>
              {(q.who || q.role) && <figcaption>— {[q.who, q.role].filter(Boolean).join(", ")}</figcaption>}
            </figure>
          ))}
        </section>
      )}

      {story.bodyHtml && (
        <section aria-labelledby="body-heading">
          <h2 id="body-heading">{t("story.body")}</h2>
          {/* The server rendered the Markdown and sanitized it; DOMPurify sanitizes it again, in the browser. */}
          <div className="body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(story.bodyHtml) }} />
        </section>
      )}

      {(story.attachments ?? []).length > 0 && (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">{t("attachments.heading")}</h2>
          <AttachmentList story={story} source={attachments} />
        </section>
      )}

      {story.tags.length > 0 && (
        <section aria-labelledby="tags-heading">
          <h2 id="tags-heading">{t("story.tags")}</h2>
          <ul className="tags">{story.tags.map((x) => <li key={x}><span className="tag">{x}</span>{tag?.(x)}</li>)}</ul>
        </section>
      )}
    </>
  );
}

/** A story's pictures, each inline with its alt text (and the same words as its caption), then its PDFs as links. */
export function AttachmentList({ story, source }: { story: Story; source: AttachmentSource }) {
  const images = (story.attachments ?? []).filter((a) => a.contentType.startsWith("image/"));
  const files = (story.attachments ?? []).filter((a) => !a.contentType.startsWith("image/"));
  return (
    <>
      {images.map((a) => (
        <figure key={a.id} className="picture">
          <Picture attachment={a} source={source} />
          {a.altText && <figcaption>{a.altText}</figcaption>}
        </figure>
      ))}
      {files.length > 0 && (
        <ul className="files">
          {files.map((a) => <li key={a.id}><FileLink attachment={a} source={source} /></li>)}
        </ul>
      )}
    </>
  );
}

/** A picture with its alt text; read with the token when the reader is signed in (an <img> cannot send one). */
function Picture({ attachment, source }: { attachment: StoryAttachment; source: AttachmentSource }) {
  const { t } = useTranslation("stories");
  const [src, setSrc] = useState<string | undefined>(source.token ? undefined : source.url(attachment));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!source.token) return;
    let url: string | undefined;
    let gone = false;
    void (async () => {
      try {
        const response = await fetch(source.url(attachment), { headers: { Authorization: `Bearer ${await source.token!()}` } });
        if (!response.ok) throw new Error(String(response.status));
        url = URL.createObjectURL(await response.blob());
        if (!gone) setSrc(url);
      } catch {
        if (!gone) setFailed(true);
      }
    })();
    return () => { gone = true; if (url) URL.revokeObjectURL(url); };
  }, [attachment, source]);
  if (failed) return <p className="refusal">{t("attachments.notLoaded", { name: attachment.fileName })}</p>;
  return src ? <img src={src} alt={attachment.altText ?? ""} /> : <p role="status">{t("loading")}</p>;
}

/** A PDF as a link with its name and size; a signed-in reader's link fetches it with the token and saves it. */
function FileLink({ attachment, source }: { attachment: StoryAttachment; source: AttachmentSource }) {
  const { t, i18n } = useTranslation("stories");
  const [failed, setFailed] = useState(false);
  const size = attachment.sizeBytes >= 1024 * 1024
    ? `${(attachment.sizeBytes / 1024 / 1024).toLocaleString(i18n.language, { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(attachment.sizeBytes / 1024)).toLocaleString(i18n.language)} KB`;
  const url = source.url(attachment);
  return (
    <>
      <a
        href={url}
        download={attachment.fileName}
        onClick={source.token ? (e) => { e.preventDefault(); setFailed(false); downloadWith(source.token!, url, attachment.fileName).catch(() => setFailed(true)); } : undefined}
      >
        {t("attachments.pdf", { name: attachment.fileName, size })}
      </a>
      {attachment.altText && <> — {attachment.altText}</>}
      {failed && <span role="alert" className="field-problem"> {t("attachments.notLoaded", { name: attachment.fileName })}</span>}
    </>
  );
}
