import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { problemsOf, storiesApi, storiesKey, type StoryComment } from "./api";

/**
 * One comment of the discussion: the writer's name and time, "edited" once changed, and for the writer alone an
 * "Edit" button that turns the text into a form (the server refuses anyone else, facilitators included). Comments are
 * shown as plain text, as written.
 */
export function CommentItem({ tenantId, storyId, comment, own, when, onChanged }: {
  tenantId: string; storyId: string; comment: StoryComment; own: boolean; when: (at: string) => string; onChanged: (news: string) => void;
}) {
  const { t, i18n } = useTranslation("stories");
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.text);
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (words: string) => storiesApi.editComment(tenantId, storyId, comment.id, words),
    onSuccess: () => {
      setEditing(false);
      onChanged(t("comments.changed"));
      void queries.invalidateQueries({ queryKey: [...storiesKey(tenantId), storyId, "comments"] });
    },
  });
  const problem = problemsOf(save.error, "text");
  const fieldId = `comment-edit-${comment.id}`;
  const start = () => { setText(comment.text); save.reset(); setEditing(true); onChanged(""); };
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(text); };
  const heading = t("comments.at", { name: comment.authorName, when: when(comment.at) });
  return (
    <li>
      <strong>{heading}</strong>
      {comment.editedAt && <span className="meta"> · {t("comments.edited")}</span>}
      {!editing ? (
        <>
          <p>{comment.text}</p>
          {own && <button type="button" aria-label={t("comments.editOne", { when: when(comment.at) })} onClick={start}>{t("comments.edit")}</button>}
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={fieldId}>{t("comments.editLabel")}</label>
            <textarea
              id={fieldId}
              value={text}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${fieldId}-problem` : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            {problem && <p id={`${fieldId}-problem`} className="field-problem">{i18n.language === "en" ? problem.join(" ") : t("comments.problem")}</p>}
          </div>
          {save.error && !problem && <p role="alert">{save.error.message}</p>}
          <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t("comments.saving") : t("comments.save")}</button>
          <button type="button" onClick={() => setEditing(false)}>{t("comments.cancel")}</button>
        </form>
      )}
    </li>
  );
}
