import type { Core } from '@strapi/strapi';
import { secret } from './secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
      jwt: { expiresIn: '7d' },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 2525),
        secure: env.bool('SMTP_SECURE', false),
        ignoreTLS: !env.bool('SMTP_SECURE', false),
        // One pooled connection set for the outbox worker, and bounded waits: a server that accepts
        // and never answers fails the attempt (retried later) instead of holding it for minutes.
        pool: true,
        maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
        connectionTimeout: env.int('SMTP_CONNECTION_TIMEOUT_MS', 10_000),
        greetingTimeout: env.int('SMTP_GREETING_TIMEOUT_MS', 10_000),
        socketTimeout: env.int('SMTP_SOCKET_TIMEOUT_MS', 30_000),
        ...(env('SMTP_USERNAME', '') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } } : {}),
      },
      settings: {
        defaultFrom: env('MAIL_FROM', 'Mentoring office <mentoring@example.org>'),
        defaultReplyTo: env('MAIL_REPLY_TO', 'mentoring@example.org'),
      },
    },
  },
  mentorship: {
    enabled: true,
    resolve: './cms',
    config: {
      matcherUrl: env('MATCHER_URL', 'http://127.0.0.1:4100'),
      matcherToken: secret(env, 'MATCHER_TOKEN'),
      matcherTimeoutMs: env.int('MATCHER_TIMEOUT_MS', 120000),
      siteUrl: env('SITE_URL', 'http://127.0.0.1:1337'),
      members: {
        emailConfirmation: env.bool('MEMBER_EMAIL_CONFIRMATION', process.env.NODE_ENV !== 'development'),
        allowedEmailDomains: env.array('MEMBER_EMAIL_DOMAINS', []).map((domain: string) => domain.trim().toLowerCase()).filter(Boolean),
        checkUrl: env('MEMBER_CHECK_URL', ''),
        checkToken: env('MEMBER_CHECK_TOKEN', ''),
      },
      // e.g. {"mentorship-outbox":"*/10 * * * * *"}; unset keeps each job's default schedule
      jobRules: env.json('MENTORSHIP_JOB_RULES', {}),
      portalPath: env('PORTAL_PATH', '/mentoring'),
    },
  },
});

export default config;
