/** The version of the API and of the backups this build writes. */
export const API_VERSION = '0.1.0';
