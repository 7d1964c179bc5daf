/**
 * Deciding whether an environment variable (or build argument) carries a secret,
 * and showing it without leaking it.
 *
 * A curated list rather than a detector package: the well-kept sets (secretlint)
 * are file scanners with async, config-driven APIs, while we judge one name/value
 * pair at a time and must keep false positives low. The list covers the formats
 * that show up in container configuration; each pattern is anchored on a vendor
 * prefix or a fixed structure, never on "looks random".
 */

/*
 * Names are judged by their head noun, the last word: `MYSQL_ROOT_PASSWORD` is a
 * password, while `POSTGRES_PASSWORD_FILE` (the recommended way to pass one),
 * `TOKEN_URL`, `AUTH_ENABLED`, `ACCESS_TOKEN_EXPIRE_MINUTES` and Grafana's
 * `GF_AUTH_ANONYMOUS_ORG_ROLE` are settings about a secret, not the secret. A few
 * tails keep the meaning (`SECRET_KEY_BASE`, `PASSWORD_B64`) and are looked past.
 */

/** Head words that name a secret wherever they occur in the word (`PGPASSWORD`, `clientSecret`). */
const SECRET_SUBSTRINGS = ['password', 'passwd', 'passphrase', 'secret'];

/** Head words that name a secret as a whole word (`DB_PASS`, `GITHUB_TOKEN`, `NPM_AUTH`). */
const SECRET_WORDS = new Set(['pass', 'pwd', 'pw', 'token', 'credential', 'credentials', 'creds', 'auth', 'authorization', 'apikey', 'accesskey', 'privatekey', 'secretkey', 'bearer']);

/** Qualifiers that, before a head `key`, make it a secret key (`API_KEY`, `ACCESS_KEY`, `APP_KEY`…). */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'session', 'ssh', 'client', 'auth', 'app', 'account', 'license', 'service', 'storage', 'shared', 'hmac', 'jwt']);

/** Tails after the head that leave it a secret: `SECRET_KEY_BASE`, `DB_PASSWORD_B64`, `JWT_SECRET_OLD`. */
const SECRET_TAILS = new Set(['base', 'b64', 'base64', 'value', 'raw', 'plain', 'plaintext', 'hex', 'enc', 'encoded', 'encrypted', 'salt', 'old', 'new', 'current', 'previous', 'prev', 'primary', 'secondary']);

/**
 * Splits a variable name into lower-case words: `DB_PASSWORD` → db, password;
 * `apiKey` → api, key; `my.secret-name` → my, secret, name.
 *
 * @example
 * nameWords('clientSecret'); // ['client', 'secret']
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * True when a variable's name says it holds a secret.
 *
 * @example
 * isSecretName('MYSQL_ROOT_PASSWORD'); // true
 * isSecretName('MYSQL_ROOT_PASSWORD_FILE'); // false: it names a file holding it
 * isSecretName('PWD'); // false: the shell's working directory
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  while (words.length > 1 && SECRET_TAILS.has(words[words.length - 1]!)) words.pop();
  const head = words[words.length - 1];
  if (head === undefined) return false;
  // `PWD` alone is the shell's working directory; `DB_PWD` is a password.
  if (words.length === 1 && (head === 'pwd' || head === 'pw')) return false;
  if (SECRET_WORDS.has(head)) return true;
  if (SECRET_SUBSTRINGS.some((s) => head.includes(s)) && !head.startsWith('secretar')) return true;
  return (head === 'key' || head === 'keys') && words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2]!);
}

/** Credential shapes recognised in a value, with the name shown in findings. */
const VALUE_PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b/ },
  { kind: 'a GitLab token', pattern: /\bgl(?:pat|dt|rt|ptt|cbt|ft|soat)-[A-Za-z0-9_-]{20,1024}/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,1024}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
  { kind: 'a Stripe secret key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,1024}/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'a Google OAuth client secret', pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}\b/ },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'a PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1024}/ },
  { kind: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { kind: 'a Docker Hub token', pattern: /\bdckr_pat_[A-Za-z0-9_-]{27,1024}/ },
  { kind: 'a HashiCorp Vault token', pattern: /\bhvs\.[A-Za-z0-9_-]{90,1024}/ },
  { kind: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,1024}T3BlbkFJ[A-Za-z0-9_-]{20,1024}/ },
  { kind: 'an Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,1024}/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,1024}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,1024}/ },
  { kind: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{80,1024}={0,2}/ },
];

const MAX_SCANNED = 16 * 1024;
const URL_SHAPE = 'a URL with a password';

/** `scheme://user:password@host`: the password group is checked for references. */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@]{0,256}:([^\s/@]{1,256})@[^\s/@]/i;
/** `Server=…;Password=…;` (ADO.NET properties) and `?user=…&password=…` (JDBC, DSN query strings). */
const CONNECTION_STRING_PASSWORD = /(?:^|[;?&])\s*(?:password|passwd|pwd)\s*=\s*([^;&\s]+)/i;

/**
 * The kind of credential a value has the shape of, or undefined.
 *
 * @example
 * secretValueKind('postgres://app:s3cret@db/app'); // 'a URL with a password'
 * secretValueKind('postgres://app:${DB_PASS}@db/app'); // undefined: a reference
 */
export function secretValueKind(value: string): string | undefined {
  // Bounded work per value: the longest credential we look for (a PEM key header, a
  // token) starts well within this prefix, and the patterns stay linear on it.
  if (value.length > MAX_SCANNED) value = value.slice(0, MAX_SCANNED);
  for (const { kind, pattern } of VALUE_PATTERNS) if (pattern.test(value)) return kind;
  const url = URL_WITH_PASSWORD.exec(value);
  if (url && isUrlPassword(url[1]!)) return 'a URL with a password';
  const conn = CONNECTION_STRING_PASSWORD.exec(value);
  if (conn && isLiteralSecret(conn[1]!)) return 'a connection string with a password';
  return undefined;
}

/**
 * Literals that every match of a shape contains, each naming the shapes it can start
 * (the last, `://`, the URL with a password). One combined scan of a file's text finds
 * which literals occur; only the shapes whose literal was seen are then tried, so a
 * text full of `://` no longer runs every pattern over its whole length.
 */
const PREFILTERS: readonly { literal: string; shapes: readonly string[] }[] = [
  { literal: '-----BEGIN', shapes: ['a PEM private key'] },
  { literal: 'A(?:KIA|SIA|BIA|CCA)', shapes: ['an AWS access key id'] },
  { literal: 'gh[pousr]_|github_pat_', shapes: ['a GitHub token'] },
  { literal: 'gl(?:pat|dt|rt|ptt|cbt|ft|soat)-', shapes: ['a GitLab token'] },
  { literal: 'xox[abposr]-|hooks\\.slack\\.com', shapes: ['a Slack token'] },
  { literal: '[sr]k_(?:live|test)_', shapes: ['a Stripe secret key'] },
  { literal: 'AIza', shapes: ['a Google API key'] },
  { literal: 'GOCSPX-', shapes: ['a Google OAuth client secret'] },
  { literal: 'npm_', shapes: ['an npm token'] },
  { literal: 'pypi-', shapes: ['a PyPI token'] },
  { literal: 'SG\\.', shapes: ['a SendGrid API key'] },
  { literal: 'dckr_pat_', shapes: ['a Docker Hub token'] },
  { literal: 'hvs\\.', shapes: ['a HashiCorp Vault token'] },
  { literal: 'sk-', shapes: ['an OpenAI API key', 'an Anthropic API key'] },
  { literal: 'eyJ', shapes: ['a JSON Web Token'] },
  { literal: 'AccountKey=', shapes: ['an Azure storage account key'] },
  { literal: ':\\/\\/', shapes: [URL_SHAPE] },
];
const PREFILTER = new RegExp(PREFILTERS.map((f) => `(${f.literal})`).join('|'), 'g');
/** Any of the literals: text without one holds no credential shape. */
const CREDENTIAL_PREFILTER = new RegExp(PREFILTERS.map((f) => f.literal).join('|'));
/** For each pattern of VALUE_PATTERNS, the prefilter group (1-based) that admits it. */
const GROUP_OF_PATTERN = VALUE_PATTERNS.map(({ kind }) => 1 + PREFILTERS.findIndex((f) => f.shapes.includes(kind)));
const URL_GROUP = PREFILTERS.length;

/**
 * Every kind of credential found in a text (a file's content), without the article:
 * `['PEM private key', 'URL with a password']`. The same shapes as `secretValueKind`,
 * so an image layer and an environment variable are judged alike.
 *
 * @example
 * credentialKindsIn('token: ghp_…'); // ['GitHub token']
 */
export function credentialKindsIn(text: string): string[] {
  const seen = new Uint8Array(PREFILTERS.length + 1);
  let found = 0;
  PREFILTER.lastIndex = 0;
  for (let m = PREFILTER.exec(text); m; m = PREFILTER.exec(text)) {
    let group = 1;
    while (m[group] === undefined) group++;
    if (!seen[group]) {
      seen[group] = 1;
      if (++found === PREFILTERS.length) break;
    }
    // One character on, not past the match: literals may overlap (`pypi-----BEGIN`).
    PREFILTER.lastIndex = m.index + 1;
  }
  if (!found) return [];
  const kinds: string[] = [];
  VALUE_PATTERNS.forEach(({ kind, pattern }, i) => {
    if (seen[GROUP_OF_PATTERN[i]!] && pattern.test(text)) kinds.push(kind.replace(/^an? /, ''));
  });
  if (seen[URL_GROUP]) {
    const url = URL_WITH_PASSWORD.exec(text);
    if (url && isUrlPassword(url[1]!)) kinds.push('URL with a password');
  }
  return kinds;
}

/** Header credentials: `Authorization: Bearer …`, `Proxy-Authorization: Basic …`. */
const AUTH_HEADER = /\b((?:proxy-)?authorization\s*[:=]\s*)(?:(bearer|basic|token|digest|negotiate|ntlm)\s+)?["']?[^\s"',;]+/gi;
/** A bare scheme and credential: `Bearer eyJ…`, `Basic YWxpY2U6…` (a digit in it: not "Basic authentication"). */
const SCHEME_CREDENTIAL = /\b(bearer|basic)\s+(?=[A-Za-z._~+/-]*\d)[A-Za-z0-9._~+/-]{8,}=*/gi;
/** `--password x`, `--password=x`, `--passwd x`, `--registry-password x`. */
const PASSWORD_FLAG = /(--(?:[a-z]+-)*pass(?:word|wd)?)(=|\s+)(?!-)("[^"]*"|'[^']*'|\S+)/gi;
/** `-p x` after `login` (elsewhere `-p` publishes a port). */
const LOGIN_P_FLAG = /(\blogin\b[^\n|;&]*?\s-p)(=|\s+)(?!-)("[^"]*"|'[^']*'|\S+)/gi;
/** `--creds user:pass` (skopeo, buildah, podman), `-u user:pass` and `--user user:pass` (curl, wget, login). */
const CREDS_FLAG = /((?:^|\s)--(?:src-|dest-|from-)?creds)(=|\s+)([^\s:]+):(\S+)/gi;
const USER_FLAG = /((?:^|\s)(?:-u|--user|--http-user|--username))(=|\s+)([^\s:'"]+):([^\s'"]+)/gi;
const USER_TOOLS = /\b(?:curl|wget|login|skopeo|crane|oras|regctl|helm|git|http)\b/i;
/** `echo s3cret | docker login --password-stdin`: the piped value. */
const PASSWORD_STDIN = /\b(echo|printf)((?:\s+-[a-zA-Z]+)*)\s+("[^"]*"|'[^']*'|[^\s|]+)(\s*\|[^|\n]*--password-stdin)/gi;
/** Registry auth files and token answers: `"auth": "YWxpY2U6…"`, `"password": …`, `"identitytoken": …`. */
const JSON_SECRET_FIELD = /("(?:auth|password|passwd|identitytoken|registrytoken|token|access_token|refresh_token|secret|client_secret)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;

/**
 * A literal every replacement of `redactText` needs, case-insensitive: `=` (NAME=value,
 * `AccountKey=`), `://` (URL passwords), `auth` (Authorization headers, JSON `auth`),
 * `bearer`/`basic`, `pass` (password flags, `--password-stdin`, JSON fields), `login`
 * (`login -p`), `creds`, `-u` (`-u`/`--user`/`--username`), `token` and `secret` (JSON
 * fields), and the credential shapes' own literals. A text with none is printed as
 * it is: the replacements only write `***`, so they cannot make a literal appear.
 */
const REDACT_PREFILTER = new RegExp(`=|:\\/\\/|auth|bearer|basic|pass|login|creds|-u|token|secret|${CREDENTIAL_PREFILTER.source}`, 'i');

/**
 * Text fit to print: the one redactor every quoted input passes through (build
 * steps and history, run lines, URLs, registry answers, error messages). Hides
 * `NAME=value` with a secret name, URL passwords, Authorization headers and bare
 * Bearer/Basic credentials, password flags (`--password`, `login -p`, `--creds`,
 * `-u user:pass` for tools that log in), values piped to `--password-stdin`,
 * secret fields of JSON auth files, and anything with a credential's shape.
 *
 * @example
 * redactText('|1 API_TOKEN=abc /bin/sh -c make'); // '|1 API_TOKEN=*** /bin/sh -c make'
 * redactText('docker login -u bot -p hunter2 reg'); // 'docker login -u bot -p *** reg'
 */
export function redactText(text: string): string {
  // Most texts (a scan's finding messages) quote nothing secret: one pass decides.
  if (!REDACT_PREFILTER.test(text)) return text;
  let out = text.replace(/\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"']+)/g, (whole, name: string) => (isSecretName(name) ? `${name}=***` : whole));
  out = out.replace(/(:\/\/[^\s:@/'"]+:)[^\s@/'"]+@/g, '$1***@');
  out = out.replace(AUTH_HEADER, (_w, head: string, scheme: string | undefined) => `${head}${scheme ? `${scheme} ` : ''}***`);
  out = out.replace(SCHEME_CREDENTIAL, (w, scheme: string) => (/\*\*\*$/.test(w) ? w : `${scheme} ***`));
  out = out.replace(PASSWORD_FLAG, '$1$2***');
  out = out.replace(LOGIN_P_FLAG, '$1$2***');
  out = out.replace(CREDS_FLAG, '$1$2$3:***');
  if (USER_TOOLS.test(out)) out = out.replace(USER_FLAG, (w, flag: string, sep: string, user: string, pass: string) => (/^\d+$/.test(pass) ? w : `${flag}${sep}${user}:***`));
  out = out.replace(PASSWORD_STDIN, '$1$2 ***$4');
  out = out.replace(JSON_SECRET_FIELD, (w, open: string, value: string, close: string) => (value === '' ? w : `${open}***${close}`));
  if (!CREDENTIAL_PREFILTER.test(out)) return out;
  for (const { pattern } of VALUE_PATTERNS) out = out.replace(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`), '***');
  return out;
}

/**
 * A URL's password part that is a real one. The shape fires under any variable
 * name and in any file, so the placeholders of documentation and examples
 * (`user:password@`, `:secret@`, `:x@`, `:***@`) are not taken for credentials.
 */
function isUrlPassword(raw: string): boolean {
  const password = decodeSafe(raw);
  if (/^(?:password|passwd|pass|pwd|secret|changeme|x+|\*+|<[^>]*>|\[[^\]]*\])$/i.test(password)) return false;
  return isLiteralSecret(password);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A shell, Compose or Kubernetes variable reference: `$VAR`, `${VAR}`, `${VAR:-x}`, `$(VAR)`. */
const REFERENCE = /\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]*\}|\([^)]*\))/;

/**
 * True when the value is (or contains) a reference rather than the secret itself.
 *
 * @example
 * isReference('$(DB_PASSWORD)'); // true
 */
export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/**
 * Placeholders of templates and examples: `changeme`, `replace_me`, `<token>`,
 * `{{ .Values.token }}`, `your-api-key-here`, and names in capitals standing for a
 * value to fill in (`DB_PASSWORD_VAL`, `YOUR_TOKEN`).
 */
const PLACEHOLDER = /^(?:change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|fill[-_ ]?me|todo|tbd|placeholder|your[-_ a-z0-9]*|[-_a-z0-9 ]*[-_ ]here|<[^>]*>|\{\{[^}]*\}\}|%[A-Za-z_]+%)$/i;
/** A name in capitals with underscores standing for a value (`DB_PASSWORD_VAL`); `PASSWORD1` is not one. */
const CAPITALS_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * True when a value under a secret-like name is the secret itself: non-empty, not
 * a reference, not a switch (`true`, `false`), not a masked placeholder (`****`) or
 * a template's (`changeme`, `<token>`, `DB_PASSWORD_VAL`), and not a path
 * (absolute, `./`, `~/`: a path names where the secret is, as `_FILE` does).
 *
 * @example
 * isLiteralSecret('hunter2'); // true
 * isLiteralSecret('/run/secrets/db'); // false
 */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (!v) return false;
  if (isReference(v)) return false;
  if (/^(?:true|false|yes|no|on|off|none|null|nil|0|1)$/i.test(v)) return false;
  if (/^[*x•.]+$/i.test(v)) return false;
  if (PLACEHOLDER.test(v) || CAPITALS_NAME.test(v)) return false;
  if (/^(?:\/|\.\.?\/|~\/)[^\s]*$/.test(v)) return false;
  return true;
}

/**
 * A value that configures something rather than holding a secret, under a name
 * that merely mentions one (`REGISTRY_AUTH`, `OIDC_AUTH_URL`, `AUTH_KEY_TYPE`):
 * a structured map (`{htpasswd: {realm: x, path: /auth/htpasswd}}`) none of whose
 * secret-named keys holds a literal, or a URL without credentials in its user
 * part or query.
 *
 * @example
 * isConfigurationValue('{htpasswd: {realm: basic-realm, path: /auth/htpasswd}}'); // true
 * isConfigurationValue('https://auth.example.com/realms/app'); // true
 * isConfigurationValue('{"auths": {"r.io": {"auth": "dXNlcjpwYXNz"}}}'); // false
 */
export function isConfigurationValue(value: string): boolean {
  const v = value.trim();
  if (isStructured(v)) return secretKeyInStructure(v) === undefined;
  const url = /^[a-z][a-z0-9+.-]{0,31}:\/\/([^\s/?#]*)([^\s?#]*)(\?[^\s#]*)?(#\S*)?$/i.exec(v);
  if (url) {
    if (url[1]!.includes('@')) return false;
    for (const m of (url[3] ?? '').matchAll(/[?&]([^=&]+)=([^&]*)/g)) if (isSecretName(decodeSafe(m[1]!)) && isLiteralSecret(decodeSafe(m[2]!))) return false;
    return true;
  }
  return false;
}

/** A flow map or list written inline (`{a: b}`, `[{"a": "b"}]`). */
function isStructured(v: string): boolean {
  return /^[{[]/.test(v) && /[}\]]$/.test(v) && /[:=]/.test(v);
}

/**
 * The first key of an inline map whose name says it holds a secret and whose value
 * is a literal (`"auth": "dXNl…"` in a Docker config), or undefined.
 */
function secretKeyInStructure(v: string): string | undefined {
  for (const m of v.slice(0, MAX_SCANNED).matchAll(/["']?([A-Za-z_][\w.-]{0,127})["']?\s*[:=]\s*["']?([^,"'{}\[\]\s]{1,4096})/g)) {
    if (isSecretName(m[1]!) && isLiteralSecret(m[2]!)) return m[1]!;
  }
  return undefined;
}

/**
 * Why an environment entry holds a literal secret, or undefined when it does not.
 * Its name says so and the value is a literal, or the value has a credential's shape.
 *
 * @example
 * secretReason('DB_PASSWORD', '${DB_PASSWORD}'); // undefined: a reference
 */
export function secretReason(name: string, value: string): string | undefined {
  const kind = secretValueKind(value);
  if (kind) return `its value has the shape of ${kind}`;
  if (isSecretName(name) && isLiteralSecret(value) && !isConfigurationValue(value)) return 'its name says it holds a secret and it is set to a literal value';
  const key = isStructured(value.trim()) ? secretKeyInStructure(value.trim()) : undefined;
  if (key) return `its value sets "${key}" to a literal secret`;
  return undefined;
}

/**
 * A redacted form of a secret for messages: stars and the length, nothing of
 * the value itself.
 *
 * @example
 * redact('hunter2hunter2'); // '****, 14 chars'
 */
export function redact(value: string): string {
  // No character of the value is shown: even a prefix narrows a password's search space.
  return `****, ${value.length} chars`;
}
