"""Running the portal in production: serving, health, logs, shared state, backups and
housekeeping."""
