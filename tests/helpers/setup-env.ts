// Configuration every unit and integration test runs with; nothing here is a real secret.
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0000';
process.env.AUTH_URL ??= 'http://localhost:3000';
process.env.EMAIL_FROM ??= 'Undersigned <letters@undersigned.test>';
process.env.ADMIN_EMAILS ??= 'admin@undersigned.test';
process.env.MAIL_WORKER ??= 'off';
process.env.LOG_LEVEL ??= 'warn';
process.env.DATA_ENCRYPTION_KEY ??= 'dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1hLXNlY3JldCE=';
