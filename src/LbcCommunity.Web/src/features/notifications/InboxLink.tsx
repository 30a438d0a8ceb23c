import { NavLink } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useMe } from "../home/queries";
import { useInbox } from "./api";
import "./messages";
import "./notifications.css";

/**
 * In the header: the link to the inbox with its unread count (read again every 30 s), named with the count so a
 * screen reader hears it ("Notifications, 2 unread", its text, not an aria-label); a person without a tenant (an operator) has no inbox.
 */
export function InboxLink() {
  const { t } = useTranslation("notifications");
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const inbox = useInbox(tenantId);
  if (!tenantId) return null;
  const count = inbox.data?.unreadCount ?? 0;
  return (
    <NavLink to="/notifications" className="inbox-link" data-testid="inbox-link">
      {/* Heard as "Notifications, 2 unread"; seen as the word and a badge with the number. */}
      <span aria-hidden="true">{t("header.inbox")}</span>
      {count > 0 && <span className="unread-count" aria-hidden="true">{count}</span>}
      <span className="sr-only">{t("header.unread", { count })}</span>
    </NavLink>
  );
}
