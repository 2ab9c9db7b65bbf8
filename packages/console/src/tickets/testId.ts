/**
 * A `data-testid` for props objects Ant Design spreads onto an element (a modal's OK button): object literals of
 * a props type may not name data attributes, JSX attributes may.
 */
export function testId(id: string): Record<string, never> {
  return { 'data-testid': id } as unknown as Record<string, never>;
}
