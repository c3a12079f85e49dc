/** The audit log's labels live in src/shared/audit-labels.ts, shared with the admin. */
export {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
  auditEntityLabel,
} from '../../shared/audit-labels.ts';
