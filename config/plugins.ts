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
      matcherToken: env('MATCHER_TOKEN', process.env.NODE_ENV === 'production' ? '' : 'dev-matcher-token'),
      matcherTimeoutMs: env.int('MATCHER_TIMEOUT_MS', 120000),
      siteUrl: env('SITE_URL', 'http://127.0.0.1:1337'),
      portalPath: env('PORTAL_PATH', '/mentoring'),
    },
  },
});

export default config;
