import { describe, expect, it } from 'vitest';
import { isBuilt, siblingModule } from './module-url.ts';

describe('siblingModule', () => {
  it('names the TypeScript file beside a source module', () => {
    const base = 'file:///app/src/modules/people/people.import.ts';
    expect(siblingModule('./people.format.ts', base).href).toBe(
      'file:///app/src/modules/people/people.format.ts',
    );
    expect(isBuilt(base)).toBe(false);
  });

  it('names the compiled file beside a built module', () => {
    const base = 'file:///app/dist/modules/people/people.import.js';
    expect(siblingModule('./people.format.ts', base).href).toBe(
      'file:///app/dist/modules/people/people.format.js',
    );
    expect(isBuilt(base)).toBe(true);
  });
});
