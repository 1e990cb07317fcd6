/** Running the installation: readiness, backups and restore, doctor, the System page. */
export { registerSystemRoutes } from './system.routes.js';
export { readiness } from './readiness.js';
export { createBackup, restoreBackup } from './backup.js';
export { readBackupHeader } from './backup-file.js';
export { backupFinished, startBackupSchedule } from './backup-schedule.js';
export { formatFindings, runDoctor, type Finding } from './doctor.js';
export { sqliteIntegrity } from './operations.repository.js';
