import type { MatchingCriterion } from '../../../../../shared/matching-criteria';
import type { ProfileField } from '../../../../../shared/profile-fields';
import { criteriaVisibleTo } from '../directory-search';

const field = (key: string, visible: boolean): ProfileField => ({ key, label: key, kind: 'text', required: false, public: visible, searchable: false, matching: true });
const criterion = (name: string, menteeAttribute: string | undefined, mentorAttribute: string | undefined, kind: MatchingCriterion['kind'] = 'same'): MatchingCriterion => ({
  name, kind, menteeAttribute, mentorAttribute, weight: 1, required: true,
});

describe('criteria a member-facing score may use', () => {
  const criteria = [
    criterion('Background', 'background', 'background'),
    criterion('Language', 'languages', 'languages', 'language'),
    criterion('Not the same school', 'institution', 'institution', 'exclude-same'),
    criterion('Experience', undefined, 'years', 'at-least'),
    criterion('Ranked', 'choices', undefined, 'ranked-choice'),
  ];

  it('when a mentee ranks mentors, then criteria on private mentor answers are left out and the rest kept in order', () => {
    const mentorFields = [field('background', true), field('languages', false), field('institution', false), field('years', true)];
    expect(criteriaVisibleTo(criteria, 'mentor', mentorFields).map((item) => item.name)).toEqual(['Background', 'Experience', 'Ranked']);
  });

  it('when a mentor ranks mentees, then criteria on private mentee answers are left out, and an unknown attribute counts as private', () => {
    const menteeFields = [field('background', false), field('languages', true)];
    expect(criteriaVisibleTo(criteria, 'mentee', menteeFields).map((item) => item.name)).toEqual(['Language', 'Experience']);
  });
});
