// A crowd of REST API clients editing the same few pages at once, as bots and editors do on a busy
// wiki: each reads a page now and then, edits from whatever base it has (often stale, because the
// others keep saving), and records exactly what the server answered, so that a test can hold every
// answer against the database afterwards.
//
// Page layout: a shared "Status:" line that edits overwrite (two such edits from the same base
// conflict), and one notes section per client that only that client appends to (such edits merge
// cleanly with everybody else's, because an unchanged line separates the sections).

export interface LoadPlan {
  baseUrl: string;
  /** The API token each client writes with (clients may share an account). */
  clientTokens: string[];
  editsPerClient: number;
  /** Clients 0…hotClients-1 edit the hot page; the others pick among the spread pages. */
  hotClients: number;
  hotTitle: string;
  spreadTitles: string[];
  /** Seed of the pseudo-random choices, so that a failing run can be replayed. */
  seed: number;
}

export type EditKind = 'status' | 'append' | 'stale-status';

export interface EditAttempt {
  client: number;
  /** "c<client> e<edit>": the edit summary, and the mark the edit leaves in the text. */
  label: string;
  title: string;
  kind: EditKind;
  baseId: number;
  sent: string;
  status: number;
  /** Parsed JSON body (null when the body was not JSON). */
  body: Record<string, unknown> | null;
  retryAfter: string | null;
  /** 503s ("busy, retry after …") answered to this edit before its final answer, each retried as a bot would. */
  busyRetries: number;
  /** Time from sending the PUT to the end of its answer. */
  milliseconds: number;
}

interface Base {
  id: number;
  text: string;
}

const STATUS_PREFIX = 'Status: ';

function sectionHeader(client: number): string {
  return `Notes of client ${String(client).padStart(2, '0')}:`;
}

/** The text a load-test page starts with: the status line and an empty section per client. */
export function initialPageText(title: string, clients: number): string {
  const sections = Array.from({ length: clients }, (_, client) => `${sectionHeader(client)}\n`);
  return [`Load test page ${title}.`, '', `${STATUS_PREFIX}created`, '', ...sections].join('\n');
}

function withStatus(text: string, status: string): string {
  return text.replace(/^Status: .*$/mu, `${STATUS_PREFIX}${status}`);
}

function withNote(text: string, client: number, note: string): string {
  const lines = text.split('\n');
  let at = lines.indexOf(sectionHeader(client)) + 1;
  if (at === 0) throw new Error(`The page has no section for client ${client}:\n${text}`);
  while (lines[at]?.startsWith('- ')) at += 1;
  lines.splice(at, 0, `- ${note}`);
  return lines.join('\n');
}

/** mulberry32: a small seeded generator, good enough to vary a workload reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pageUrl(baseUrl: string, title: string): string {
  return `${baseUrl}/w/rest.php/v1/page/${encodeURIComponent(title.replaceAll(' ', '_'))}`;
}

/** How often a request answered 503 with Retry-After is sent again (pywikibot and mwn retry too). */
const BUSY_RETRIES = 3;

/**
 * Sends a request, and again after Retry-After while the server answers 503 "busy": a server
 * starved of CPU (a slow machine running other test files) sheds load with a 503 when a request
 * waited too long for a database connection, nothing saved, and a real bot waits and retries.
 * The final answer is what counts; the test still refuses a 503 that persists.
 */
async function sendRetryingBusy(send: () => Promise<Response>): Promise<{ response: Response; retries: number }> {
  for (let retries = 0; ; retries++) {
    const response = await send();
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status !== 503 || !(retryAfter > 0) || retries === BUSY_RETRIES) return { response, retries };
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 5) * 1000));
  }
}

async function readPage(plan: LoadPlan, token: string, title: string): Promise<Base> {
  const { response } = await sendRetryingBusy(() => fetch(pageUrl(plan.baseUrl, title), { headers: { authorization: `Bearer ${token}` } }));
  if (response.status !== 200) throw new Error(`GET ${title} answered ${response.status}: ${await response.text()}`);
  const page = (await response.json()) as { latest: { id: number }; source: string };
  return { id: page.latest.id, text: page.source };
}

async function runClient(plan: LoadPlan, client: number): Promise<EditAttempt[]> {
  const token = plan.clientTokens[client]!;
  const next = random(plan.seed * 1_000 + client);
  const known = new Map<string, Base>();
  const first = new Map<string, Base>();
  const attempts: EditAttempt[] = [];

  for (let edit = 0; edit < plan.editsPerClient; edit++) {
    const title = client < plan.hotClients ? plan.hotTitle : plan.spreadTitles[Math.floor(next() * plan.spreadTitles.length)]!;
    // Re-read sometimes (and always after a conflict or the first time); otherwise edit from the
    // base this client last saw, which the other clients have often moved past.
    if (!known.has(title) || next() < 0.4) known.set(title, await readPage(plan, token, title));
    if (!first.has(title)) first.set(title, known.get(title)!);
    const label = `c${client} e${edit}`;
    const kind: EditKind = edit % 5 === 4 ? 'stale-status' : next() < 0.5 ? 'status' : 'append';
    // The stale edit starts from the first revision this client ever read: an editor who left the
    // edit form open for a long time.
    const base = kind === 'stale-status' ? first.get(title)! : known.get(title)!;
    const sent = kind === 'append' ? withNote(base.text, client, label) : withStatus(base.text, `${label} from r${base.id}`);

    const sentAt = performance.now();
    const { response, retries } = await sendRetryingBusy(() =>
      fetch(pageUrl(plan.baseUrl, title), {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: sent, comment: label, latest: { id: base.id } }),
      }),
    );
    const raw = await response.text();
    const milliseconds = performance.now() - sentAt;
    let body: Record<string, unknown> | null;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = null;
    }
    attempts.push({
      client,
      label,
      title,
      kind,
      baseId: base.id,
      sent,
      status: response.status,
      body,
      retryAfter: response.headers.get('retry-after'),
      busyRetries: retries,
      milliseconds,
    });

    if (response.ok && body) {
      const saved = body as { latest: { id: number }; source: string };
      known.set(title, { id: saved.latest.id, text: saved.source });
    } else {
      known.delete(title);
    }
  }
  return attempts;
}

/** Runs every client at once and returns every attempt, in no particular order. */
export async function runConcurrentEditors(plan: LoadPlan): Promise<EditAttempt[]> {
  const perClient = await Promise.all(plan.clientTokens.map((_, client) => runClient(plan, client)));
  return perClient.flat();
}
