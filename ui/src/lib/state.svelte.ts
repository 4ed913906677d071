// The window's shared state: the session (school, person, settings), the current route,
// and the background sync's status, polled while the window is open.
import { api, type T } from './api';
import { locale, type Lang } from './i18n.svelte';

export const app = $state({
  session: null as T.Session | null,
  route: parseRoute(),
  sync: null as T.Status | null,
  loading: true,
  fatal: null as T.AppError | null,
});

export type Route = { screen: string; id?: string };

function parseRoute(): Route {
  const [screen, id] = location.hash.replace(/^#\/?/, '').split('/');
  return { screen: screen || 'dashboard', id: id ? decodeURIComponent(id) : undefined };
}

export function go(screen: string, id?: string) {
  location.hash = id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`;
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

/** Whether the person here may reach `area`. */
export function may(area: T.Area): boolean {
  return app.session?.me?.areas.includes(area) ?? false;
}

let polling: number | undefined;
export function pollSync() {
  if (polling !== undefined) return;
  const tick = async () => {
    try {
      app.sync = await api.syncStatus();
    } catch {
      app.sync = null;
    }
  };
  void tick();
  polling = window.setInterval(tick, 1000);
}
