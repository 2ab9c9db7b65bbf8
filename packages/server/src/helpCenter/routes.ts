import { KNOWLEDGE_LIMITS, LOCALES, type Locale } from '@kefu/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { findAccount } from '../accounts/accountRepository.js';
import type { KefuApp } from '../http/kefuApp.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';
import { findInboxByWebsiteToken } from '../inboxes/inboxRepository.js';
import { searchKnowledge } from '../knowledge/knowledgeSearch.js';
import { type HelpCategory, type HelpEntry, helpCategories, helpEntries } from './helpCenterContent.js';
import {
  categoryPage,
  entryPage,
  HELP_CENTER_CSP,
  homePage,
  notFoundPage,
  type PageContext,
  pageContext,
  searchPage,
} from './helpCenterPages.js';

const tokenParams = z.object({ websiteToken: z.string().min(1).max(64) });
const pageQuery = z.object({
  /** Any other value falls back to the inbox's language rather than failing. */
  lang: z.string().max(20).optional(),
});
const searchQuery = pageQuery.extend({ q: z.string().max(KNOWLEDGE_LIMITS.queryMaxLength).optional() });

const SEARCH_RESULTS = 10;
/** Weaker matches would only bury the right one on a page a customer reads. */
const SEARCH_MIN_SCORE = 0.35;
const RECENT_ENTRIES = 10;
const RELATED_ENTRIES = 4;

function pickLang(asked: string | undefined, fallback: Locale): Locale {
  return (LOCALES as readonly string[]).includes(asked ?? '') ? (asked as Locale) : fallback;
}

function sendPage(reply: FastifyReply, page: string, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', HELP_CENTER_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('cache-control', 'no-cache')
    .send(page);
}

/** Categories from a category up to the top, top first. */
function trailOf(categoryId: string | null, all: HelpCategory[]): HelpCategory[] {
  const trail: HelpCategory[] = [];
  for (let at = all.find((c) => c.id === categoryId); at; at = all.find((c) => c.id === at?.parentId)) {
    trail.unshift(at);
  }
  return trail;
}

/**
 * The public help center (帮助中心) of an inbox: `/help/<websiteToken>` with category, entry and search pages,
 * in the inbox's language or `?lang=zh-CN|zh-TW|en`. Server-rendered HTML: every value escaped by the `html`
 * template, entry bodies sanitised again before they are shown, and a CSP that allows no script at all. Only
 * published content; anything else is a 404 page.
 */
export function helpCenterRoutes(app: KefuApp) {
  const db = app.ctx.db.kysely;
  const tags = ['help center'];

  /** The inbox behind a token, and the page context for the language asked; null for an unknown token. */
  async function contextFor(websiteToken: string, lang: string | undefined) {
    const inbox = await findInboxByWebsiteToken(db, websiteToken);
    if (!inbox) return null;
    const account = await findAccount(db, inbox.account_id);
    if (!account) return null;
    const defaultLang = parseSettings(inbox).locale;
    return {
      accountId: inbox.account_id,
      page: pageContext(account.name, websiteToken, pickLang(lang, defaultLang), defaultLang),
    };
  }

  app.get(
    '/help/:websiteToken',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Help center home: categories and frequent questions',
        params: tokenParams,
        querystring: pageQuery,
      },
    },
    async (request, reply) => {
      const found = await contextFor(request.params.websiteToken, request.query.lang);
      if (!found) return sendPage(reply, notFoundPage(null), 404);
      const { accountId, page } = found;
      const [{ categories, uncategorized }, recent] = await Promise.all([
        helpCategories(db, accountId, page.lang),
        helpEntries(db, accountId, page.lang, { limit: RECENT_ENTRIES }),
      ]);
      return sendPage(reply, homePage(page, categories, uncategorized, recent));
    },
  );

  app.get(
    '/help/:websiteToken/categories/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Help center category: its sub-categories and entries ("none": entries without a category)',
        params: tokenParams.extend({ id: z.union([z.literal('none'), z.uuid()]) }),
        querystring: pageQuery,
      },
    },
    async (request, reply) => {
      const found = await contextFor(request.params.websiteToken, request.query.lang);
      if (!found) return sendPage(reply, notFoundPage(null), 404);
      const { accountId, page } = found;
      const { categories } = await helpCategories(db, accountId, page.lang);
      const id = request.params.id === 'none' ? null : request.params.id;
      const category = id ? categories.find((c) => c.id === id) : null;
      if (id && !category) return sendPage(reply, notFoundPage(page), 404);
      const entries = await helpEntries(db, accountId, page.lang, { categoryId: id });
      if (!id && entries.length === 0) return sendPage(reply, notFoundPage(page), 404);
      const children = id ? categories.filter((c) => c.parentId === id) : [];
      return sendPage(reply, categoryPage(page, category ?? null, trailOf(id, categories), children, entries));
    },
  );

  app.get(
    '/help/:websiteToken/entries/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Help center entry: a FAQ answer or an article',
        params: tokenParams.extend({ id: z.uuid() }),
        querystring: pageQuery,
      },
    },
    async (request, reply) => {
      const found = await contextFor(request.params.websiteToken, request.query.lang);
      if (!found) return sendPage(reply, notFoundPage(null), 404);
      const { accountId, page } = found;
      const [entry] = await helpEntries(db, accountId, page.lang, { entryId: request.params.id });
      if (!entry) return sendPage(reply, notFoundPage(page), 404);
      const { categories } = await helpCategories(db, accountId, page.lang);
      const related = await relatedEntries(accountId, page, entry);
      return sendPage(reply, entryPage(page, entry, trailOf(entry.categoryId, categories), related));
    },
  );

  app.get(
    '/help/:websiteToken/search',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Help center search', params: tokenParams, querystring: searchQuery },
    },
    async (request, reply) => {
      const found = await contextFor(request.params.websiteToken, request.query.lang);
      if (!found) return sendPage(reply, notFoundPage(null), 404);
      const { accountId, page } = found;
      const query = (request.query.q ?? '').trim();
      const results = query ? await searchEntries(accountId, page, query, SEARCH_RESULTS) : [];
      return sendPage(reply, searchPage(page, query, results));
    },
  );

  /** Search hits as help center entries, in the reader's language. */
  async function searchEntries(accountId: string, page: PageContext, query: string, limit: number) {
    const hits = await searchKnowledge(app.ctx, accountId, query, {
      locale: page.lang,
      limit,
      publishedOnly: true,
      minScore: SEARCH_MIN_SCORE,
    });
    return hits.map(
      (hit): HelpEntry => ({
        id: hit.entryId,
        kind: hit.kind,
        categoryId: hit.categoryId,
        title: hit.title,
        html: hit.answer.html,
        text: hit.answer.text,
        updatedAt: 0,
      }),
    );
  }

  async function relatedEntries(accountId: string, page: PageContext, entry: HelpEntry): Promise<HelpEntry[]> {
    const hits = await searchEntries(accountId, page, entry.title, RELATED_ENTRIES + 1);
    return hits.filter((hit) => hit.id !== entry.id).slice(0, RELATED_ENTRIES);
  }
}
