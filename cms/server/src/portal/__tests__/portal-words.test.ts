import fs from 'fs';
import os from 'os';
import path from 'path';
import { PROFILE_STATUSES, PROGRAM_STYLES, ROLES, AVAILABILITIES, AUDIENCES, RESOURCE_KINDS } from '../../../../shared/vocabulary';
import { en } from '../messages-en';
import { fr } from '../messages-fr';
import { localeFrom, translate } from '../i18n';
import { createViewEngine } from '../views';

const viewsDir = path.join(__dirname, '..', '..', '..', 'portal-views');
const filesIn = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesIn(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));

describe('the portal\'s words', () => {
  const keys = new Set(Object.keys(en));

  it('when a template or a page names a message, then English has it', () => {
    const named = [
      ...filesIn(viewsDir).flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/[{(]t "([^"]+)"/g)].map((match) => match[1]!)),
      ...filesIn(path.join(__dirname, '..', 'pages')).flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/\bt\('([^'`]+)'/g)].map((match) => match[1]!)),
    ];
    expect(named.length).toBeGreaterThan(150);
    expect(named.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('when a message is built from the vocabulary, then every value of it has English words', () => {
    const built = [
      ...PROGRAM_STYLES.flatMap((style) => [`style.${style}.name`, `style.${style}.how`]),
      ...PROFILE_STATUSES.flatMap((status) => [`status.${status}`, `status.${status}.help`]),
      ...ROLES.flatMap((role) => [`role.${role}`, `mentorships.you.${role}`, `enroll.title.${role}`]),
      ...AVAILABILITIES.map((value) => `availability.${value}`),
      ...AUDIENCES.map((value) => `audience.${value}`),
      ...RESOURCE_KINDS.map((value) => `resource.${value}`),
      ...['open', 'accepted', 'declined', 'withdrawn', 'expired', 'escalated', 'closed'].map((status) => `request.status.${status}`),
      ...['pending-agreement', 'active', 'ended', 'completed'].map((status) => `mentorship.status.${status}`),
      ...['pause', 'relist', 'withdraw'].map((action) => `profile.${action}.done`),
    ];
    expect(built.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('when French is chosen, then every message has its own French words with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort().join(',');
    const differing = Object.entries(en).filter(([key, text]) => placeholders(text) !== placeholders(fr[key as keyof typeof en]));
    expect(differing.map(([key]) => key)).toEqual([]);
    expect(translate('fr', 'directory.count', { count: 1 })).toBe('1 mentor');
    expect(translate('fr', 'home.inbox', { count: 3 })).toBe('3 demandes attendent votre réponse');
    expect(translate('en', 'home.inbox', { count: 1 })).toBe('1 request waiting for your answer');
  });

  it('when a browser asks in French, then the portal answers in French unless the member chose otherwise', () => {
    expect(localeFrom(undefined, 'fr-CA,fr;q=0.9,en;q=0.5')).toBe('fr');
    expect(localeFrom('en', 'fr-CA,fr;q=0.9')).toBe('en');
    expect(localeFrom(undefined, 'de-DE')).toBe('en');
  });

  it('when member-written text is rendered, then it is escaped, even inside paragraphs and lists', () => {
    const views = createViewEngine(fs.mkdtempSync(path.join(os.tmpdir(), 'portal-')), { cache: false });
    const html = views.render('guide-page', {
      base: '/mentoring',
      locale: 'en',
      settings: { associationName: 'A & B', headerLinks: [], footerLinks: [] },
      languages: [],
      program: { name: 'P', slug: 'p' },
      guidePage: { title: '<b>Title</b>', body: '## <i>Heading</i>\n\n1. <script>x</script>\n2. two\n\nplain <img src=x onerror=1>' },
    });
    expect(html).not.toMatch(/<script>x|<img src=x|<b>Title|<i>Heading/);
    expect(html).toContain('<h3>&lt;i&gt;Heading&lt;/i&gt;</h3>');
    expect(html).toContain('<ol><li>&lt;script&gt;x&lt;/script&gt;</li><li>two</li></ol>');
    expect(html).toContain('A &amp; B');
  });

  it('when the host app has its own version of a template, then the portal renders that one and keeps the others', () => {
    const appRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-host-'));
    const overrides = path.join(appRoot, 'src', 'extensions', 'mentorship', 'portal-views', 'pages');
    fs.mkdirSync(overrides, { recursive: true });
    fs.writeFileSync(path.join(overrides, 'message.hbs'), '<p class="ours">{{settings.associationName}}: {{message}}</p>');
    const views = createViewEngine(appRoot, { cache: true });
    const context = { base: '/mentoring', locale: 'en', settings: { associationName: 'Meridian <Health>', headerLinks: [], footerLinks: [] }, languages: [] };
    expect(views.render('message', { ...context, message: 'Hello <you>' })).toContain('<p class="ours">Meridian &lt;Health&gt;: Hello &lt;you&gt;</p>');
    expect(views.render('error', { ...context, title: 'T', message: 'plugin template' })).toContain('<p>plugin template</p>');
    fs.rmSync(appRoot, { recursive: true, force: true });
  });
});
