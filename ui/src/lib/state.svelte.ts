// The window's shared state: the session (school, person, settings), the current route,
// the background sync's status and long work's progress, as the backend's events tell
// them, and a count of the syncs that brought others' changes in (screens reload on it).
import { listen } from '@tauri-apps/api/event';
import { api, type T } from './api';
import { locale, type Lang } from './i18n.svelte';

export const app = $state({
  session: null as T.Session | null,
  route: parseRoute(),
  sync: null as T.Status | null,
  work: null as T.WorkProgress | null,
  /** Rises each time a sync brings changes made elsewhere. */
  dataVersion: 0,
  loading: true,
  fatal: null as T.AppError | null,
});

/** A screen, its record, and what it is narrowed to (`#/screen/id?key=value`), so a view
 * reopens as it was left. */
export type Route = { screen: string; id?: string; query: Record<string, string> };

function parseRoute(): Route {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const [screen, id] = path.split('/');
  const query = Object.fromEntries(new URLSearchParams(search ?? ''));
  return { screen: screen || 'dashboard', id: id ? decodeURIComponent(id) : undefined, query };
}

/** The address of a screen, its record and its query (empty values left out). */
export function href(screen: string, id?: string, query: Record<string, string | null | undefined> = {}): string {
  const kept = Object.entries(query).filter((e): e is [string, string] => !!e[1]);
  const search = kept.length ? `?${new URLSearchParams(kept)}` : '';
  return (id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`) + search;
}

export function go(screen: string, id?: string, query: Record<string, string | null | undefined> = {}) {
  location.hash = href(screen, id, query);
}

window.addEventListener('hashchange', () => {
  app.route = parseRoute();
});

/** Takes a fresh session from the backend and follows its language and digits. */
export function adopt(session: T.Session) {
  app.session = session;
  locale.lang = session.language as Lang;
  locale.digits = session.digits;
  document.documentElement.lang = session.language;
  document.documentElement.dir = session.language === 'ar' ? 'rtl' : 'ltr';
}

/** Whether the role policy lets the person here do `action` (a teacher: on their own classrooms). */
export function may(action: T.Action): boolean {
  return app.session?.me?.actions.includes(action) ?? false;
}

let listening = false;
/** Follows the backend's events: the sync's status, data a sync changed (the session is
 * read again, so a first download opens the school and a teacher's classrooms appear),
 * and long work's progress. */
export async function followBackend() {
  if (listening) return;
  listening = true;
  await listen<T.Status>('sync-status', (event) => {
    app.sync = event.payload;
  });
  await listen<T.RoundSummary>('data-changed', async () => {
    try {
      adopt(await api.session());
    } finally {
      app.dataVersion += 1;
    }
  });
  await listen<T.WorkProgress | null>('work-progress', (event) => {
    app.work = event.payload;
  });
  // What happened before the window listened.
  app.sync = await api.syncStatus().catch(() => null);
  app.work = await api.workProgress().catch(() => null);
}
