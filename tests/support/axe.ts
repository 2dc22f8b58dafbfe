import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result } from 'axe-core';

/**
 * axe-core (the npm package) injected into a page the browser has loaded, as the issue asks: the
 * rules run against the real rendering, with the page's own styles and colour scheme.
 */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The impacts that fail a page; moderate and minor ones are reported but do not. */
export const BLOCKING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

export interface AxeFinding {
  /** Which page and mode, e.g. "en light: article". */
  where: string;
  id: string;
  impact: ImpactValue | null;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending nodes, with axe's explanation of each. */
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe on the page as it is now and returns its violations. The script goes in as a tag, which
 * the wiki's Content-Security-Policy would refuse: contexts that call this need `bypassCSP: true`.
 */
export async function runAxe(page: Page, where: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    // All of axe's default rules (WCAG A/AA and best practices); the caller decides what fails.
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations.map((violation: Result) => ({
    where,
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
  }));
}

export function isBlocking(finding: AxeFinding): boolean {
  return finding.impact !== null && BLOCKING_IMPACTS.includes(finding.impact);
}

/** Every finding with each node's selector, so a failure says exactly what to fix and where. */
export function describeFindings(findings: AxeFinding[]): string {
  if (findings.length === 0) return 'No axe violations.';
  return findings
    .map((finding) =>
      [
        `[${finding.impact ?? 'unknown'}] ${finding.id} on ${finding.where}: ${finding.help} (${finding.helpUrl})`,
        ...finding.nodes.map((node) => `    ${node.target} — ${node.summary}`),
      ].join('\n'),
    )
    .join('\n');
}

/** The same list as a Markdown table, one row per rule and page, with every offending node's selector. */
export function findingsAsMarkdown(findings: AxeFinding[]): string {
  const escape = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = findings.map((finding) => {
    const targets = finding.nodes.map((node) => `\`${escape(node.target)}\``).join('<br>');
    return `| ${finding.impact ?? ''} | ${finding.id} | ${escape(finding.where)} | ${targets} | ${escape(finding.nodes[0]?.summary ?? finding.help)} |`;
  });
  return ['| impact | rule | page | targets | why (first node) |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
