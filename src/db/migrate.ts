import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './create-db.ts';
import * as foundation from './migrations/20261128000100_foundation.ts';
import * as ledgers from './migrations/20261128000200_ledgers.ts';
import * as admission from './migrations/20261128000300_admission.ts';
import * as volunteering from './migrations/20261128000400_volunteering.ts';
import * as portal from './migrations/20261128000500_portal.ts';
import * as services from './migrations/20261128000600_services.ts';
import * as membership from './migrations/20261128000700_membership.ts';
import * as peopleSearchIndexes from './migrations/20261128000800_people_search_indexes.ts';
import * as numberSequences from './migrations/20261202000100_number_sequences.ts';
import * as systemSettings from './migrations/20261202000200_system_settings.ts';
import * as remaskIdNumbers from './migrations/20261202000400_remask_id_numbers.ts';
import * as redactAuditLog from './migrations/20261202000401_redact_audit_log.ts';
import * as accounts from './migrations/20261202000500_accounts.ts';
import * as importJobs from './migrations/20261203000100_import_jobs.ts';
import * as usernameCase from './migrations/20261203000200_username_case.ts';
import * as scheduledRuns from './migrations/20261203000300_scheduled_runs.ts';
import * as reportIndexes from './migrations/20261203000800_report_indexes.ts';
import * as pathPatternIndexes from './migrations/20261204010001_path_pattern_indexes.ts';
import * as notifications from './migrations/20261204020001_notifications.ts';
import * as importJobProgress from './migrations/20261204050001_import_job_progress.ts';
import * as portalArticleSourceKey from './migrations/20261205010001_portal_article_source_key.ts';
import * as personIdType from './migrations/20261205020001_person_id_type.ts';
import * as registrationConsent from './migrations/20261205030001_registration_consent.ts';
import * as meetingAttendanceAttachments from './migrations/20261205040001_meeting_attendance_attachments.ts';
import * as siteFilingAndReceiptIssue from './migrations/20261205050001_site_filing_and_receipt_issue.ts';
import * as importMappings from './migrations/20261205060001_import_mappings.ts';
import * as notificationSms from './migrations/20261206030001_notification_sms.ts';
import * as registrationIdDocument from './migrations/20261208030001_registration_id_document.ts';
import * as volunteerPreviousDates from './migrations/20261208050001_volunteer_previous_dates.ts';

/** Listed here rather than read from the folder, so the same code runs under tsx, a bundle or tests. */
const MIGRATIONS: Record<string, Migration> = {
  '20261128000100_foundation': foundation,
  '20261128000200_ledgers': ledgers,
  '20261128000800_people_search_indexes': peopleSearchIndexes,
  '20261128000400_volunteering': volunteering,
  '20261128000300_admission': admission,
  '20261128000500_portal': portal,
  '20261128000600_services': services,
  '20261128000700_membership': membership,
  '20261202000100_number_sequences': numberSequences,
  '20261202000500_accounts': accounts,
  '20261202000400_remask_id_numbers': remaskIdNumbers,
  '20261202000200_system_settings': systemSettings,
  '20261202000401_redact_audit_log': redactAuditLog,
  '20261203000100_import_jobs': importJobs,
  '20261203000200_username_case': usernameCase,
  '20261203000300_scheduled_runs': scheduledRuns,
  '20261203000800_report_indexes': reportIndexes,
  '20261204010001_path_pattern_indexes': pathPatternIndexes,
  '20261204020001_notifications': notifications,
  '20261204050001_import_job_progress': importJobProgress,
  '20261205010001_portal_article_source_key': portalArticleSourceKey,
  '20261205020001_person_id_type': personIdType,
  '20261205030001_registration_consent': registrationConsent,
  '20261205040001_meeting_attendance_attachments': meetingAttendanceAttachments,
  '20261205050001_site_filing_and_receipt_issue': siteFilingAndReceiptIssue,
  '20261205060001_import_mappings': importMappings,
  '20261206030001_notification_sms': notificationSms,
  '20261208030001_registration_id_document': registrationIdDocument,
  '20261208050001_volunteer_previous_dates': volunteerPreviousDates,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Modules land their migrations independently; one written earlier may reach a database after a later one.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** How many of this build's migrations the database has not run yet (readiness: 0 before taking traffic). */
export async function pendingMigrations(db: Db): Promise<number> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).length;
}
