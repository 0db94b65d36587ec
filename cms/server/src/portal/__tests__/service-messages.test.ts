import { errors } from '@strapi/utils';
import { ERROR_CODE_LIST } from '../../../../shared/contracts/errors';
import { ConflictError, forbidden } from '../../utils/errors';
import { validationError } from '../../utils/validation-error';
import { facingFor, portalInputError } from '../context';
import { translate, type Locale } from '../i18n';
import { en } from '../messages-en';
import { fr } from '../messages-fr';

const page = (locale: Locale) => ({ locale, t: (key: string, vars?: Record<string, unknown>) => translate(locale, key, vars) });

describe('service messages on the portal\'s pages', () => {
  it('when the members\' API documents an error code, then the portal has words for it in English and French', () => {
    const missing = ERROR_CODE_LIST.flatMap((code) => [`en:service.${code}`, `fr:service.${code}`]).filter((entry) => {
      const [locale, key] = entry.split(':') as [string, string];
      return !(key in (locale === 'en' ? en : fr));
    });
    expect(missing).toEqual([]);
  });

  it('when a service refuses with a conflict code on a French page, then the French words for that code are shown instead of the English text', () => {
    const facing = facingFor(page('fr'), new ConflictError('You already have an open request to Dr Ada', 'duplicate'));
    expect(facing).toMatchObject({ status: 409, code: 'duplicate', message: fr['service.duplicate'], localized: true });
    expect(facingFor(page('fr'), new ConflictError('Dr Ada has no place left', 'mentor-full'))!.message).toBe(fr['service.mentor-full']);
    expect(facingFor(page('fr'), forbidden('Your mentee profile is draft; it must be approved before you send requests'))!.message).toBe(fr['service.forbidden']);
  });

  it('when a service lists field problems on a French page, then each is worded in French and named by the field\'s label', () => {
    const error = validationError([
      { path: ['answers', 'interests'], message: 'Practice interests is required' },
      { path: ['answers', 'goals'], message: 'must be at most 200 characters' },
      { path: ['answers', 'region'], message: 'must be one of europe, africa' },
      { path: ['answers', 'year'], message: 'must be a year between 1950 and 2026' },
      { path: ['message'], message: 'something nobody planned for' },
    ]);
    const facing = facingFor(page('fr'), error, { goals: 'Objectifs', region: 'Région', year: 'Année', message: 'Votre message' })!;
    expect(facing.message).toBe(fr['service.invalid-input']);
    expect(facing.problems).toEqual([
      { field: 'interests', message: '« Practice interests » est obligatoire.' },
      { field: 'goals', message: '« Objectifs » : 200 caractères au plus.' },
      { field: 'region', message: '« Région » : choisissez parmi les options proposées.' },
      { field: 'year', message: '« Année » : indiquez une valeur entre 1950 et 2026.' },
      { field: 'message', message: '« Votre message » : cette réponse n’est pas valable.' },
    ]);
  });

  it('when users-permissions refuses a sign-up or a reset on a French page, then its English sentence becomes the French one', () => {
    expect(facingFor(page('fr'), new errors.ApplicationError('Email or Username are already taken'))!.message).toBe(fr['service.field.taken']);
    expect(facingFor(page('fr'), new errors.ValidationError('Incorrect code provided'))!.message).toBe(fr['service.field.resetCode']);
  });

  it('when the program\'s own eligibility rules refuse, then their words are kept and only the service\'s own reasons are translated', () => {
    const error = forbidden('Not eligible', { code: 'not-eligible', reasons: [{ field: 'country', message: 'Réservé aux membres hors des États-Unis.' }, { field: 'seats', message: 'All 10 mentee places in X are taken.' }] });
    const facing = facingFor(page('fr'), error)!;
    expect(facing.message).toBe(fr['service.not-eligible']);
    expect(facing.reasons).toEqual([
      { field: 'country', message: 'Réservé aux membres hors des États-Unis.' },
      { field: 'seats', message: fr['service.reason.seats'] },
    ]);
  });

  it('when the page is English, or the portal wrote the message itself, then the message is shown as it is', () => {
    const english = facingFor(page('en'), new ConflictError('You already have an open request to Dr Ada', 'duplicate'))!;
    expect(english.message).toBe('You already have an open request to Dr Ada');
    const own = facingFor(page('fr'), portalInputError(fr['checkIn.minutesInvalid'], 'minutes'))!;
    expect(own.message).toBe(fr['checkIn.minutesInvalid']);
    expect(own.problems).toEqual([{ field: 'minutes', message: fr['checkIn.minutesInvalid'] }]);
  });
});
