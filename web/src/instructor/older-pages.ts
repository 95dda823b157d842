import type { PageView, SessionDetail } from '@contract/instructor.views.js';

export type PagedPart = 'attempts' | 'transcript';

/**
 * The older pages of one session's attempts and transcript that the instructor loaded with
 * "Ältere laden". The view refreshes every few seconds with the newest page only; these stay
 * below it until another session is opened.
 */
export class OlderPages {
  private sessionId = '';
  private readonly loaded: Record<PagedPart, PageView<{ id: string }> | null> = {
    attempts: null,
    transcript: null,
  };

  /** The cursor for the next page of `part`, given the newest page just fetched. */
  next(detail: SessionDetail, part: PagedPart): string | null {
    return this.loaded[part]?.next ?? detail[part].next;
  }

  /**
   * Keeps `shown` (all items of `part` on screen) and the older `page` after them: once older
   * pages are open, every item seen stays, so newer items pushing the newest page down leave
   * no gap between it and the older ones.
   */
  add(sessionId: string, part: PagedPart, shown: { id: string }[], page: PageView<{ id: string }>) {
    this.forSession(sessionId);
    const seen = new Set(shown.map((item) => item.id));
    const older = page.items.filter((item) => !seen.has(item.id));
    this.loaded[part] = { ...page, items: [...shown, ...older] };
  }

  /** `detail` with the older items after the newest page's (an item in both appears once). */
  merge(sessionId: string, detail: SessionDetail): SessionDetail {
    this.forSession(sessionId);
    return {
      ...detail,
      attempts: this.mergePart(detail.attempts, this.loaded.attempts),
      transcript: this.mergePart(detail.transcript, this.loaded.transcript),
    };
  }

  private mergePart<T extends { id: string }>(
    newest: PageView<T>,
    older: PageView<{ id: string }> | null,
  ) {
    if (!older) return newest;
    const seen = new Set(newest.items.map((item) => item.id));
    const rest = (older.items as T[]).filter((item) => !seen.has(item.id));
    return { ...newest, items: [...newest.items, ...rest], next: older.next };
  }

  private forSession(sessionId: string): void {
    if (sessionId === this.sessionId) return;
    this.sessionId = sessionId;
    this.loaded.attempts = null;
    this.loaded.transcript = null;
  }
}
