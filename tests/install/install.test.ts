import { execFileSync } from 'child_process';
import fs from 'fs';
import { builtinModules, createRequire } from 'module';
import path from 'path';
import ts from 'typescript';
import { freePort, startGroup, waitForHttp, type GroupProcess } from '../helpers/processes';
import { pluginDir, readWorkspace, type InstallWorkspace } from './workspace';

const SECRETS = {
  APP_KEYS: 'fixture-key-1,fixture-key-2',
  API_TOKEN_SALT: 'fixture-api-token-salt',
  ADMIN_JWT_SECRET: 'fixture-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'fixture-transfer-token-salt',
  JWT_SECRET: 'fixture-jwt-secret',
  ENCRYPTION_KEY: 'fixture-encryption-key-0123456789',
};

/** Bare module names a compiled file imports or requires (Node's built-in modules and relative paths left out). */
const importedPackages = (code: string): Set<string> => {
  const names = new Set<string>();
  for (const match of code.matchAll(/(?:\brequire\(|\bfrom\s*|\bimport\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?)["']/g)) {
    const specifier = match[1]!;
    if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
    names.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
  }
  return names;
};

const contentTypeNames = () =>
  fs.readdirSync(path.join(pluginDir, 'server', 'src', 'content-types'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

describe('the packed plugin', () => {
  let workspace: InstallWorkspace;
  let installed: string;
  let manifest: { dependencies: Record<string, string>; peerDependencies: Record<string, string>; exports: Record<string, unknown> };

  beforeAll(() => {
    workspace = readWorkspace();
    installed = path.join(workspace.appDir, 'node_modules', 'strapi-plugin-mentorship');
    manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  });

  it('when packed, then the tarball holds the compiled admin and server, the contracts\' types and the README, and no sources, tests or matcher', () => {
    const files = workspace.pack.files.map((file) => file.path);
    for (const required of ['package.json', 'README.md', 'dist/admin/index.mjs', 'dist/admin/index.js', 'dist/server/index.js', 'dist/shared/contracts/index.d.ts']) {
      expect(files).toContain(required);
    }
    expect(files.filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => file.includes('__tests__') || file.startsWith('matcher') || file.includes('node_modules') || file.startsWith('scripts/'))).toEqual([]);
    // the repository's in-source entry points are not what an installed app loads
    expect(manifest.exports['./strapi-server']).toMatchObject({ require: './dist/server/index.js' });
    expect(manifest.exports['./strapi-admin']).toMatchObject({ import: './dist/admin/index.mjs' });
    process.stdout.write(`npm pack: ${(workspace.pack.size / 1024).toFixed(0)} kB packed, ${(workspace.pack.unpackedSize / 1024).toFixed(0)} kB unpacked, ${workspace.pack.entryCount} files, ${workspace.packSeconds} s\n`);
  });

  it('when the server reads files beside its code (views, static files), then the package carries every one of them', () => {
    const assets: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== '__tests__' && entry.name !== 'content-types') walk(full);
        } else if (!/\.tsx?$/.test(entry.name)) {
          assets.push(path.relative(pluginDir, full).split(path.sep).join('/'));
        }
      }
    };
    walk(path.join(pluginDir, 'server'));
    const packed = new Set(workspace.pack.files.map((file) => file.path));
    expect(assets.filter((asset) => !packed.has(asset))).toEqual([]);
  });

  it('when the compiled plugin imports a package, then the manifest declares it, Strapi and React as peers, and the matcher not at all', () => {
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
    const compiled = ['dist/server/index.js', ...fs.readdirSync(path.join(installed, 'dist', 'admin')).map((file) => `dist/admin/${file}`)];
    const imported = new Set(compiled.flatMap((file) => [...importedPackages(fs.readFileSync(path.join(installed, file), 'utf8'))]));
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
    for (const peer of ['@strapi/strapi', '@strapi/utils', '@strapi/design-system', 'react', 'react-dom', 'react-router-dom', 'styled-components']) {
      expect(manifest.peerDependencies).toHaveProperty([peer]);
      expect(manifest.dependencies).not.toHaveProperty([peer]);
    }
    expect(imported.has('mentorship-matcher')).toBe(false);
    // each declared dependency is installed where Node looks from the plugin (its package folder, as
    // some, like write-excel-file, export only subpaths such as "write-excel-file/node" and no root entry)
    const fromPlugin = createRequire(path.join(installed, 'package.json'));
    for (const dependency of Object.keys(manifest.dependencies)) {
      const found = (fromPlugin.resolve.paths(dependency) ?? []).some((dir) => fs.existsSync(path.join(dir, dependency, 'package.json')));
      expect([dependency, found]).toEqual([dependency, true]);
    }
  });

  it('when a website types its calls with the exported contracts, then they compile against the package (node16 and node resolution)', () => {
    const source = path.join(workspace.appDir, 'website-client.ts');
    fs.writeFileSync(
      source,
      [
        "import type { CreateProfileBody, ProgramSummary } from 'strapi-plugin-mentorship/contracts';",
        "export const body: CreateProfileBody = { role: 'mentee', displayName: 'Maya', answers: {} };",
        'export const names = (programs: ProgramSummary[]): string[] => programs.map((program) => program.name);',
        '// @ts-expect-error: a role the contracts do not know (fails as "unused" if the types resolved to any)',
        "export const wrong: CreateProfileBody = { role: 'sponsor', displayName: 'X', answers: {} };",
        '',
      ].join('\n'),
    );
    for (const moduleResolution of [ts.ModuleResolutionKind.Node16, ts.ModuleResolutionKind.Node10]) {
      const program = ts.createProgram([source], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts'],
        module: moduleResolution === ts.ModuleResolutionKind.Node16 ? ts.ModuleKind.Node16 : ts.ModuleKind.CommonJS,
        moduleResolution,
        // the declarations' own imports are still resolved; the directive above fails if they resolved to any
        skipLibCheck: true,
        esModuleInterop: true,
        types: [],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    }
  });
});

describe('installed into an association\'s own Strapi app', () => {
  let workspace: InstallWorkspace;
  let server: GroupProcess | undefined;
  let base = '';
  const database = '.tmp/association.db';

  const start = async (env: Record<string, string>, log: string) => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startGroup(path.join(workspace.appDir, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: workspace.appDir,
      logFile: path.join(workspace.root, log),
      env: {
        ...process.env,
        ...SECRETS,
        NODE_ENV: 'production',
        // members go on right after registering here; confirmation has its own test (tests/api/membership.test.ts)
        MEMBER_EMAIL_CONFIRMATION: 'false',
        STRAPI_TELEMETRY_DISABLED: 'true',
        STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_FILENAME: database,
        MATCHER_URL: 'http://127.0.0.1:9',
        MATCHER_TOKEN: 'fixture-matcher-token',
        ...env,
      },
    });
    const running = server;
    try {
      await waitForHttp(`${base}/_health`, 120000, () => running.child.exitCode === null);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${fs.readFileSync(path.join(workspace.root, log), 'utf8').split('\n').slice(-30).join('\n')}`);
    }
  };
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`${base}${pathname}`, { headers });
  const post = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    workspace = readWorkspace();
    await start({}, 'start-enabled.log');
  });

  afterAll(async () => {
    await stop();
  });

  it('when the app starts with the plugin enabled, then the members\' API answers and the Public and Authenticated roles were granted its actions', async () => {
    const programs = await get('/api/mentorship/programs');
    expect(programs.status).toBe(200);
    expect(((await programs.json()) as { data: unknown[] }).data).toEqual([]);

    const registered = await post('/api/auth/local/register', { username: 'maya', email: 'maya@example-association.org', password: 'Member-password-2026' });
    expect(registered.status).toBe(200);
    const { jwt } = (await registered.json()) as { jwt: string };
    const me = await get('/api/mentorship/me', { authorization: `Bearer ${jwt}` });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ data: { profiles: [] } });
    expect((await get('/api/mentorship/me')).status).toBe(401);
  });

  it('when the app starts, then no demo association was loaded: no admin, no programs, no members but the one registered here', async () => {
    const init = (await (await get('/admin/init')).json()) as { data: { hasAdmin: boolean } };
    expect(init.data.hasAdmin).toBe(false);
    expect(((await (await get('/api/mentorship/programs')).json()) as { data: unknown[] }).data).toHaveLength(0);
  });

  it('when the association\'s first admin signs in, then the plugin\'s content types, admin actions and staff routes are there', async () => {
    const registered = await post('/admin/register-admin', { email: 'staff@example-association.org', password: 'Staff-password-2026', firstname: 'Office', lastname: 'Staff' });
    expect(registered.status).toBe(200);
    const { token } = ((await registered.json()) as { data: { token: string } }).data;
    const auth = { authorization: `Bearer ${token}` };

    const types = (await (await get('/content-manager/content-types', auth)).json()) as { data: { uid: string }[] };
    const uids = new Set(types.data.map((type) => type.uid));
    for (const name of contentTypeNames()) expect(uids).toContain(`plugin::mentorship.${name}`);

    const permissions = (await (await get('/admin/permissions', auth)).json()) as { data: { sections: { plugins: { action: string }[] } } };
    const actions = permissions.data.sections.plugins.map((permission) => permission.action).filter((action) => action.startsWith('plugin::mentorship.'));
    expect(actions).toEqual(expect.arrayContaining(['plugin::mentorship.read', 'plugin::mentorship.runs.execute', 'plugin::mentorship.runs.approve']));

    const overview = await get('/mentorship/programs', auth);
    expect(overview.status).toBe(200);
    expect((await get('/mentorship/programs')).status).toBe(401);
  });

  it('when the app\'s admin panel is built, then the build takes the plugin\'s compiled admin entry, whose code registers its menu link, pages and translations', () => {
    // What `strapi build` bundles, found by the admin build's own plugin discovery, and what its compiled
    // code registers. The full Vite build of a second app (about a minute and 2 GB here) is left to the browser
    // suite, which builds the host app's admin with the same plugin sources.
    fs.copyFileSync(path.join(__dirname, 'admin-check.mjs'), path.join(workspace.appDir, 'admin-check.mjs'));
    const output = execFileSync(process.execPath, ['admin-check.mjs'], { cwd: workspace.appDir, encoding: 'utf8' });
    const result = JSON.parse(output) as {
      bundled: { name: string; modulePath: string }[];
      entryFile: string | null;
      registers: { pluginId: string | null; menuLink: boolean; menuPermission: boolean; registerPlugin: boolean; registerTrads: boolean };
      pageChunks: string[];
      translationKeys: number;
    };
    expect(result.bundled).toContainEqual({ name: 'mentorship', modulePath: 'strapi-plugin-mentorship/strapi-admin' });
    expect(result.entryFile).toBe(path.join(workspace.appDir, 'node_modules', 'strapi-plugin-mentorship', 'dist', 'admin', 'index.js'));
    expect(result.registers).toEqual({ pluginId: 'mentorship', menuLink: true, menuPermission: true, registerPlugin: true, registerTrads: true });
    // the pages the menu link loads lazily, and the translations, are in the package beside the entry
    expect(result.pageChunks.some((chunk) => chunk.startsWith('App-'))).toBe(true);
    const english = JSON.parse(fs.readFileSync(path.join(pluginDir, 'admin', 'src', 'translations', 'en.json'), 'utf8')) as Record<string, string>;
    expect(result.translationKeys).toBe(Object.keys(english).length);
  });

  it('when the plugin is then disabled in config/plugins, then the app still starts on the same database and the plugin\'s routes are gone', async () => {
    await stop();
    await start({ MENTORSHIP_ENABLED: 'false' }, 'start-disabled.log');
    expect((await get('/_health')).status).toBe(204);
    expect((await get('/api/mentorship/programs')).status).toBe(404);
    expect((await post('/api/auth/local', { identifier: 'maya@example-association.org', password: 'Member-password-2026' })).status).toBe(200);
  });
});
