import Handlebars from 'handlebars';

export interface TemplateSyntaxProblem {
  /** 1-based line and column of the place Handlebars stopped reading */
  line: number;
  column: number;
  message: string;
}

interface Location {
  first_line: number;
  first_column: number;
}

/** Where the parser's lexer stopped; Handlebars keeps it on its (untyped) Parser after an error. */
const lastLocation = (): Location | undefined => {
  const parser: unknown = Reflect.get(Handlebars, 'Parser');
  const lexer: unknown = parser && typeof parser === 'object' ? Reflect.get(parser, 'lexer') : undefined;
  const location: unknown = lexer && typeof lexer === 'object' ? Reflect.get(lexer, 'yylloc') : undefined;
  if (!location || typeof location !== 'object') return undefined;
  const line: unknown = Reflect.get(location, 'first_line');
  const column: unknown = Reflect.get(location, 'first_column');
  return typeof line === 'number' && typeof column === 'number' ? { first_line: line, first_column: column } : undefined;
};

/** What the parser's "got X" means for someone writing a template. */
const plainReason = (raw: string): string => {
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(raw);
  if (mismatch) return `{{/${mismatch[2]}}} closes a block that was opened as {{#${mismatch[1]}}}`;
  const got = /got '([A-Z_]+)'/.exec(raw)?.[1];
  switch (got) {
    case 'EOF':
      return 'the template ends while a block or a tag is still open (a {{/...}} or a }} is missing)';
    case 'INVALID':
      return 'this {{ tag is not closed with }} or holds characters Handlebars does not accept';
    case 'OPEN_ENDBLOCK':
      return 'this {{/...}} closes a block that was never opened';
    case 'CLOSE':
    case 'CLOSE_UNESCAPED':
      return 'this tag closes before it names what to show';
    case 'OPEN':
    case 'OPEN_BLOCK':
      return 'a new {{ starts before the previous tag was closed with }}';
    default:
      return 'Handlebars cannot read the template here';
  }
};

/**
 * Reads a template and, when Handlebars cannot, says where and why in plain words
 * ("line 3, column 12: the template ends while a block is still open") instead of the parser's dump.
 */
export const templateSyntaxProblem = (source: string): TemplateSyntaxProblem | null => {
  try {
    Handlebars.parse(source);
    return null;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const location = lastLocation();
    const line = location?.first_line ?? Number(/line (\d+)/.exec(raw)?.[1] ?? 1);
    const column = (location?.first_column ?? 0) + 1;
    return { line, column, message: `line ${line}, column ${column}: ${plainReason(raw)}` };
  }
};
