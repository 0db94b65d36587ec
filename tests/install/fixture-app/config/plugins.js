/**
 * The association's plugins. The mentorship plugin takes the settings its README documents; e-mail is
 * this app's own (Strapi's default provider here).
 */
module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  mentorship: {
    enabled: env.bool('MENTORSHIP_ENABLED', true),
    config: {
      matcherUrl: env('MATCHER_URL', 'http://127.0.0.1:4100'),
      matcherToken: env('MATCHER_TOKEN', ''),
      siteUrl: env('SITE_URL', 'https://www.example-association.org'),
      // users-permissions' e-mail confirmation (on by default outside development)
      members: { emailConfirmation: env.bool('MEMBER_EMAIL_CONFIRMATION', true) },
    },
  },
});
