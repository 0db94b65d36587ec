import fs from 'fs';
import path from 'path';
import { ENUM_LABELS } from '../../../shared/enum-labels';

const contentTypes = path.join(__dirname, '..', '..', '..', 'server', 'src', 'content-types');

/** Every enumeration of the plugin's content types, as the Content Manager offers it. */
const enumerations = fs
  .readdirSync(contentTypes, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const schema = JSON.parse(fs.readFileSync(path.join(contentTypes, entry.name, 'schema.json'), 'utf8')) as { attributes: Record<string, { enum?: string[] }> };
    return Object.entries(schema.attributes).flatMap(([attribute, definition]) => (definition.enum ?? []).map((value) => ({ where: `${entry.name}.${attribute}`, value })));
  });

describe('enumeration labels in the Content Manager', () => {
  it('when the content types are read, then they have enumerations with style and status values', () => {
    expect(enumerations.map((item) => item.where)).toEqual(expect.arrayContaining(['program.style', 'program.programStatus', 'profile.profileStatus', 'request.requestStatus']));
  });

  it('when an editor opens any enumeration of the plugin, then every option has a plain label, not its stored value', () => {
    const missing = enumerations.filter(({ value }) => !ENUM_LABELS[value] || ENUM_LABELS[value] === value).map(({ where, value }) => `${where}: ${value}`);
    expect(missing).toEqual([]);
    expect(ENUM_LABELS['open-directory']).toBe('Open directory with discovery call');
  });

  it('when the labels are registered under bare ids, then none of them looks like a namespaced message id that could shadow another', () => {
    expect(Object.keys(ENUM_LABELS).filter((id) => id.includes('.'))).toEqual([]);
  });
});
