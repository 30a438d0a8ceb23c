/** A hub refusal in words, next to the control that was refused (an alert, so it is heard when it appears). */
export function Refusal({ text, id }: { text?: string; id?: string }) {
  return text ? <p role="alert" className="error refusal" id={id}>{text}</p> : null;
}
