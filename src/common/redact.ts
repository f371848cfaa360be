/**
 * Keeping database passwords out of logs, errors and reports. A password can sit in the userinfo
 * (`postgres://user:secret@host/db`) or, as libpq also allows, in a `password=` query parameter.
 */

const MASK = '***';

/**
 * The URL with every password replaced by `***`. Anything else (a malformed URL, an error message that
 * quotes one) keeps its text and has passwords masked by pattern.
 */
export function redactUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed) {
    return url.replace(/(\/\/[^:/?#@\s]*:)[^@/?#\s]*@/g, `$1${MASK}@`).replace(/(password=)[^&#\s]*/gi, `$1${MASK}`);
  }
  if (parsed.password) parsed.password = MASK;
  // Rewritten by hand because URLSearchParams would re-encode the whole query and change unrelated parameters.
  parsed.search = parsed.search.replace(/([?&]password=)[^&]*/gi, `$1${MASK}`);
  return parsed.toString();
}

/**
 * Strings to hand to `core.setSecret` so the runner masks them wherever they are printed: the password as
 * written (percent-encoded) and decoded, and the whole URL.
 */
export function secretsOf(url: string): string[] {
  const parsed = parse(url);
  const secrets = new Set<string>([url]);
  if (parsed) {
    for (const password of [parsed.password, parsed.searchParams.get('password') ?? '']) {
      if (!password) continue;
      secrets.add(password);
      secrets.add(safeDecode(password));
    }
  }
  secrets.delete('');
  return [...secrets];
}

/** Only a whole `scheme://…` string: `new URL` also accepts prose such as `error: text`, and would re-encode it. */
function parse(url: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
