import fs from 'fs';
import type { Context } from 'koa';
import { membersOpenApi } from '../openapi/members-openapi';

/** The plugin's version, from its own package.json (as installed, whether from this repository or the registry). */
const pluginVersion = (): string =>
  (JSON.parse(fs.readFileSync(require.resolve('strapi-plugin-mentorship/package.json'), 'utf8')) as { version: string }).version;

/** GET /openapi.json: the members' API described from the schemas that validate it. */
const openapi = () => ({
  async document(ctx: Context) {
    ctx.body = membersOpenApi(pluginVersion());
  },
});

export default openapi;
