import path from 'path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifactsDir } from './env';

/** The widths every member page is checked and screenshotted at: a phone and a laptop. */
export const WIDTHS = [375, 1280] as const;

/** A fresh browser profile for one member (their own cookies), closed with the others at the end. */
export const memberPage = async (browser: Browser, contexts: BrowserContext[]): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  return page;
};

/**
 * A page a member reaches: no serious or critical axe-core violation at either width, and a
 * screenshot at both (`portal-<name>-<width>.png`). Each check is added to `checked` for the run's summary.
 */
export const checkMemberPage = async (page: Page, name: string, checked: { name: string; violations: string[] }[]) => {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const violations = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}) at ${width}px: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
    checked.push({ name, violations });
    expect(violations).toEqual([]);
    await page.screenshot({ path: path.join(artifactsDir, `portal-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};
