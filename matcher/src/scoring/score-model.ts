/**
 * Turns participants and criteria into a score model: participants in id order (so that the
 * same input in any order gives the same output), criteria with defaults resolved, and every
 * criterion's attribute values pre-encoded once into typed arrays (value codes, bitsets, sorted
 * code lists, numbers) so that scoring a pair never touches objects, strings or Sets.
 */
import { AppError, jsonPath, type ErrorIssue } from '../errors';
import {
  ID_ATTRIBUTE,
  type AttributeValue,
  type CriterionInput,
  type CriterionKind,
  type MenteeInput,
  type MentorInput,
} from './scoring-schema';

export interface IndexedMentee extends MenteeInput {
  /** Position in the request, for error paths. */
  requestIndex: number;
}

export interface IndexedMentor extends MentorInput {
  requestIndex: number;
}

export interface ResolvedCriterion {
  /** Position in the request's `criteria`. */
  index: number;
  id: string;
  name?: string;
  kind: CriterionKind;
  weight: number;
  required: boolean;
  input: CriterionInput;
  features: CriterionFeatures;
}

/**
 * Set-valued attributes as codes into a per-criterion vocabulary. Three layouts, picked per
 * criterion: `scalar` when nobody has more than one value (compare two ints), `bits` when the
 * vocabulary fits in a few 32-bit words (AND + popcount), `list` otherwise (merge of sorted codes).
 */
export interface SetFeatures {
  type: 'set';
  vocabulary: string[];
  menteeSize: Int32Array;
  mentorSize: Int32Array;
  layout: 'scalar' | 'bits' | 'list';
  /** scalar: the single code, or -1 when the value is unknown. */
  menteeCode: Int32Array;
  mentorCode: Int32Array;
  /** bits: `words` 32-bit words per participant (Int32 keeps bitwise results small integers). */
  words: number;
  menteeBits: Int32Array;
  mentorBits: Int32Array;
  /** list: participant p's sorted codes are codes[offsets[p] .. offsets[p + 1]). */
  menteeOffsets: Int32Array;
  menteeCodes: Int32Array;
  mentorOffsets: Int32Array;
  mentorCodes: Int32Array;
}

/** Numbers per participant, NaN when unknown; `mentee` is null when only the mentor side counts. */
export interface NumberFeatures {
  type: 'number';
  mentee: Float64Array | null;
  mentor: Float64Array;
}

/** Ranked choices: mentee i chose mentorIndex[k] at rank[k] for k in offsets[i] .. offsets[i + 1]. */
export interface ChoiceFeatures {
  type: 'choice';
  offsets: Int32Array;
  mentorIndex: Int32Array;
  rank: Int32Array;
  /** Length of each mentee's choice list (k in the rank formula). */
  choiceCount: Int32Array;
}

export type CriterionFeatures = SetFeatures | NumberFeatures | ChoiceFeatures;

export interface ScoreModel {
  mentees: IndexedMentee[];
  mentors: IndexedMentor[];
  menteeIndex: Map<string, number>;
  mentorIndex: Map<string, number>;
  criteria: ResolvedCriterion[];
  /** Sum of weights; a pair's score is its weighted sum of raw matches divided by this. */
  totalWeight: number;
}

export interface ScoreModelInput {
  mentees: MenteeInput[];
  mentors: MentorInput[];
  criteria: CriterionInput[];
}

const MAX_BIT_WORDS = 8;

export function buildScoreModel(input: ScoreModelInput): ScoreModel {
  const mentees = sortById(input.mentees.map((m, requestIndex) => ({ ...m, requestIndex })));
  const mentors = sortById(input.mentors.map((m, requestIndex) => ({ ...m, requestIndex })));
  const menteeIndex = indexById(mentees, 'mentees');
  const mentorIndex = indexById(mentors, 'mentors');

  const seenCriterionIds = new Map<string, number>();
  const criteria: ResolvedCriterion[] = input.criteria.map((criterion, index) => {
    const id = criterion.id ?? `${criterion.kind}-${index + 1}`;
    const previous = seenCriterionIds.get(id);
    if (previous !== undefined) {
      throw invalid(['criteria', index, 'id'], `duplicate criterion id "${id}" (also criteria[${previous}])`);
    }
    seenCriterionIds.set(id, index);
    return {
      index,
      id,
      ...(criterion.name !== undefined ? { name: criterion.name } : {}),
      kind: criterion.kind,
      weight: criterion.weight,
      required: criterion.required,
      input: criterion,
      features: encodeCriterion(criterion, index, mentees, mentors, mentorIndex),
    };
  });
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  return { mentees, mentors, menteeIndex, mentorIndex, criteria, totalWeight };
}

/** Code-unit order, not locale order: the same on every machine. */
function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function indexById<T extends { id: string; requestIndex: number }>(items: T[], side: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, position) => {
    if (index.has(item.id)) {
      const first = items[index.get(item.id)!].requestIndex;
      const second = item.requestIndex;
      throw invalid([side, Math.max(first, second), 'id'], `duplicate id "${item.id}" (also ${side}[${Math.min(first, second)}])`);
    }
    index.set(item.id, position);
  });
  return index;
}

function invalid(path: Array<string | number>, message: string): AppError {
  const issue: ErrorIssue = { path: jsonPath(path), message };
  return new AppError(400, 'invalid-input', `invalid request body at ${issue.path}: ${message}`, { issues: [issue] });
}

function readAttribute(participant: { id: string; attributes: Record<string, AttributeValue> }, name: string): AttributeValue | undefined {
  return name === ID_ATTRIBUTE ? participant.id : ownAttribute(participant.attributes, name);
}

/**
 * An attribute the participant really has. Keys are chosen by the program's staff, so a plain
 * `attributes[name]` would find `constructor` or `toString` on Object.prototype.
 */
function ownAttribute(attributes: Record<string, AttributeValue>, name: string): AttributeValue | undefined {
  return Object.hasOwn(attributes, name) ? attributes[name] : undefined;
}

function encodeCriterion(
  criterion: CriterionInput,
  index: number,
  mentees: IndexedMentee[],
  mentors: IndexedMentor[],
  mentorIndex: Map<string, number>,
): CriterionFeatures {
  switch (criterion.kind) {
    case 'same':
    case 'different':
    case 'exclude-same':
    case 'overlap':
    case 'language': {
      // Ids are compared exactly; other text ignores case and surrounding spaces.
      const caseSensitive = criterion.menteeAttribute === ID_ATTRIBUTE || criterion.mentorAttribute === ID_ATTRIBUTE;
      const normalise = criterion.kind === 'language' ? normaliseLanguage : caseSensitive ? normaliseExact : normaliseText;
      return encodeSets(mentees, mentors, criterion.menteeAttribute, criterion.mentorAttribute, normalise);
    }
    case 'at-least':
    case 'range':
    case 'closeness': {
      for (const side of ['menteeAttribute', 'mentorAttribute'] as const) {
        if ((criterion as { [k: string]: unknown })[side] === ID_ATTRIBUTE) {
          throw invalid(['criteria', index, side], `${criterion.kind} compares numbers; "${ID_ATTRIBUTE}" is not a number`);
        }
      }
      const describe = `criterion "${criterion.id ?? `${criterion.kind}-${index + 1}`}" (${criterion.kind})`;
      return {
        type: 'number',
        mentee:
          criterion.menteeAttribute !== undefined
            ? encodeNumbers(mentees, 'mentees', criterion.menteeAttribute, describe)
            : null,
        mentor: encodeNumbers(mentors, 'mentors', criterion.mentorAttribute, describe),
      };
    }
    case 'ranked-choice':
      return encodeChoices(mentees, mentors, mentorIndex, criterion.menteeAttribute, criterion.mentorAttribute, index);
  }
}

function normaliseExact(value: string): string {
  return value;
}

function normaliseText(value: string): string {
  return value.trim().toLowerCase();
}

/** Language tags compare on their primary subtag: "en-GB", "EN" and "en_us" are all "en". */
function normaliseLanguage(value: string): string {
  return value.trim().toLowerCase().split(/[-_]/, 1)[0];
}

function valuesOf(value: AttributeValue | undefined, normalise: (v: string) => string): string[] {
  if (value === undefined || value === null) return [];
  const raw = Array.isArray(value) ? value : [typeof value === 'number' ? String(value) : value];
  const out: string[] = [];
  for (const v of raw) {
    const n = normalise(v);
    if (n !== '') out.push(n);
  }
  return out;
}

function encodeSets(
  mentees: IndexedMentee[],
  mentors: IndexedMentor[],
  menteeAttribute: string,
  mentorAttribute: string,
  normalise: (v: string) => string,
): SetFeatures {
  const vocabulary: string[] = [];
  const codeOf = new Map<string, number>();
  const encodeSide = (participants: Array<IndexedMentee | IndexedMentor>, attribute: string): number[][] =>
    participants.map((p) => {
      const codes = new Set<number>();
      for (const value of valuesOf(readAttribute(p, attribute), normalise)) {
        let code = codeOf.get(value);
        if (code === undefined) {
          code = vocabulary.length;
          codeOf.set(value, code);
          vocabulary.push(value);
        }
        codes.add(code);
      }
      return Array.from(codes).sort((a, b) => a - b);
    });
  const menteeSets = encodeSide(mentees, menteeAttribute);
  const mentorSets = encodeSide(mentors, mentorAttribute);

  const sizes = (sets: number[][]) => Int32Array.from(sets, (s) => s.length);
  const menteeSize = sizes(menteeSets);
  const mentorSize = sizes(mentorSets);
  let maxSize = 0;
  for (const size of menteeSize) if (size > maxSize) maxSize = size;
  for (const size of mentorSize) if (size > maxSize) maxSize = size;
  const words = Math.max(1, Math.ceil(vocabulary.length / 32));
  const layout: SetFeatures['layout'] = maxSize <= 1 ? 'scalar' : words <= MAX_BIT_WORDS ? 'bits' : 'list';

  const empty32 = new Int32Array(0);
  const features: SetFeatures = {
    type: 'set',
    vocabulary,
    menteeSize,
    mentorSize,
    layout,
    menteeCode: empty32,
    mentorCode: empty32,
    words,
    menteeBits: new Int32Array(0),
    mentorBits: new Int32Array(0),
    menteeOffsets: empty32,
    menteeCodes: empty32,
    mentorOffsets: empty32,
    mentorCodes: empty32,
  };
  if (layout === 'scalar') {
    features.menteeCode = Int32Array.from(menteeSets, (s) => (s.length ? s[0] : -1));
    features.mentorCode = Int32Array.from(mentorSets, (s) => (s.length ? s[0] : -1));
  } else if (layout === 'bits') {
    const toBits = (sets: number[][]) => {
      const bits = new Int32Array(sets.length * words);
      sets.forEach((codes, p) => {
        for (const code of codes) bits[p * words + (code >>> 5)] |= 1 << (code & 31);
      });
      return bits;
    };
    features.menteeBits = toBits(menteeSets);
    features.mentorBits = toBits(mentorSets);
  } else {
    const toList = (sets: number[][]) => {
      const offsets = new Int32Array(sets.length + 1);
      sets.forEach((codes, p) => (offsets[p + 1] = offsets[p] + codes.length));
      return { offsets, codes: Int32Array.from(sets.flat()) };
    };
    const menteeList = toList(menteeSets);
    const mentorList = toList(mentorSets);
    features.menteeOffsets = menteeList.offsets;
    features.menteeCodes = menteeList.codes;
    features.mentorOffsets = mentorList.offsets;
    features.mentorCodes = mentorList.codes;
  }
  return features;
}

function encodeNumbers(
  participants: Array<IndexedMentee | IndexedMentor>,
  side: 'mentees' | 'mentors',
  attribute: string,
  describe: string,
): Float64Array {
  const out = new Float64Array(participants.length);
  participants.forEach((p, position) => {
    const value = ownAttribute(p.attributes, attribute);
    if (value === undefined || value === null) {
      out[position] = NaN;
    } else if (typeof value === 'number') {
      out[position] = value;
    } else {
      throw invalid(
        [side, p.requestIndex, 'attributes', attribute],
        `${describe} needs a number or null, got ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}`,
      );
    }
  });
  return out;
}

function encodeChoices(
  mentees: IndexedMentee[],
  mentors: IndexedMentor[],
  mentorIndex: Map<string, number>,
  menteeAttribute: string | undefined,
  mentorAttribute: string,
  criterionIndex: number,
): ChoiceFeatures {
  // What a choice names: the mentor id by default, or any mentor attribute (several mentors may match).
  let mentorsByValue: Map<string, number[]>;
  if (mentorAttribute === ID_ATTRIBUTE) {
    mentorsByValue = new Map(Array.from(mentorIndex, ([id, j]) => [id, [j]]));
  } else {
    mentorsByValue = new Map();
    mentors.forEach((mentor, j) => {
      for (const value of valuesOf(ownAttribute(mentor.attributes, mentorAttribute), normaliseExact)) {
        const list = mentorsByValue.get(value) ?? [];
        list.push(j);
        mentorsByValue.set(value, list);
      }
    });
  }

  const offsets = new Int32Array(mentees.length + 1);
  const choiceCount = new Int32Array(mentees.length);
  const mentorIndices: number[] = [];
  const ranks: number[] = [];
  mentees.forEach((mentee, i) => {
    let list: string[];
    if (menteeAttribute === undefined) {
      list = mentee.choices ?? [];
    } else {
      const value = readAttribute(mentee, menteeAttribute);
      if (value !== undefined && value !== null && !Array.isArray(value) && typeof value !== 'string') {
        throw invalid(
          ['mentees', mentee.requestIndex, 'attributes', menteeAttribute],
          `criterion criteria[${criterionIndex}] (ranked-choice) needs a list of choices`,
        );
      }
      list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    }
    choiceCount[i] = list.length;
    // Unknown names keep their rank position (a choice of someone not in this run still
    // counts as a choice), and a mentor named twice keeps the better rank.
    const seen = new Set<number>();
    list.forEach((name, position) => {
      for (const j of mentorsByValue.get(name) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        mentorIndices.push(j);
        ranks.push(position + 1);
      }
    });
    offsets[i + 1] = mentorIndices.length;
  });
  return {
    type: 'choice',
    offsets,
    mentorIndex: Int32Array.from(mentorIndices),
    rank: Int32Array.from(ranks),
    choiceCount,
  };
}
