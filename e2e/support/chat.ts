import type { Browser, BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** The chat app inside the loader's iframe (the loader mounts it in an open shadow root, which locators pierce). */
export function widgetFrame(page: Page): FrameLocator {
  return page.frameLocator('[data-kefu-widget] iframe');
}

/** The same iframe as a Frame, for `evaluate`. */
export function widgetWindow(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/widget/app.html'));
  if (!frame) throw new Error(`no widget iframe on ${page.url()}`);
  return frame;
}

/**
 * Opens `/demo` (with an optional query), clicks the chat bubble and waits for the chat app to show what the
 * customer sees first. An inbox that asks the customer to choose a team first (the demo inbox does: 售前咨询 /
 * 售后服务 / 技术支持) gets `team` chosen; with `team` null the choice stays on screen for the test.
 */
export async function openDemoWidget(
  page: Page,
  baseUrl: string,
  query = '',
  team: string | null = '售前咨询',
): Promise<FrameLocator> {
  await page.goto(`${baseUrl}/demo${query}`);
  await page.locator('[data-kefu-widget] button').click();
  const frame = widgetFrame(page);
  await frame.locator('.app').waitFor();
  // The chat, the team choice, the pre-chat form or the leave-a-message form: whichever the session called for.
  await frame.locator('.composer textarea, .team-option, .form, .offline').first().waitFor();
  const choices = frame.locator('.team-option');
  if (team !== null && (await choices.count()) > 0) {
    await choices.filter({ hasText: team }).click();
    await frame.locator('.composer textarea').waitFor();
  }
  return frame;
}

/** The widget's composer text box (the leave-a-message form has a textarea too). */
export const widgetComposer = (frame: FrameLocator): Locator => frame.locator('.composer textarea');

/** The widget's connection line in the header; its class names the state (conn-connected, conn-reconnecting, …). */
export const widgetConnection = (frame: FrameLocator): Locator => frame.locator('.header .conn');

/** Message bubbles in the widget whose whole text is `text` (pending ones included). */
export const widgetBubbles = (frame: FrameLocator, text: string): Locator =>
  frame.locator('.messages li.row .bubble').filter({ hasText: exactly(text) });

/** Message texts in the console's open conversation whose whole text is `text` (pending ones included). */
export const consoleBubbles = (page: Page, text: string): Locator =>
  page.getByTestId('message-content').filter({ hasText: exactly(text) });

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Signs in through the console's own form and waits for the signed-in layout. */
export async function signInToConsole(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** A fresh browser profile and page that records uncaught errors and dialogs (no page may open one). */
export async function newWatchedPage(
  browser: Browser,
  contexts: BrowserContext[],
  problems: string[],
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-CN',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}) on ${page.url()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return page;
}
