import { describe, expect, it } from 'vitest';

import type { Transform } from '../bindings/Transform';
import {
  addStep,
  chainReady,
  moveStep,
  newStep,
  removeStep,
  replaceStep,
  STEP_OPS,
  stepProblem,
} from './transformSteps';

describe('transform chains', () => {
  it('offer every kind of step the engine runs, each new one of its own kind', () => {
    expect(STEP_OPS).toHaveLength(16);
    for (const op of STEP_OPS) expect(newStep(op).op).toBe(op);
    expect(newStep('date')).toEqual({ op: 'date', formats: ['dd/MM/yyyy', 'yyyy-MM-dd'] });
  });

  it('add, replace, move and remove steps', () => {
    let chain: Transform[] = addStep(addStep([], 'trim'), 'upper');
    chain = addStep(chain, 'replace');
    chain = replaceStep(chain, 2, { op: 'replace', from: '-', to: ' ' });
    expect(chain.map((s) => s.op)).toEqual(['trim', 'upper', 'replace']);
    chain = moveStep(chain, 2, -1);
    expect(chain.map((s) => s.op)).toEqual(['trim', 'replace', 'upper']);
    expect(moveStep(chain, 0, -1)).toBe(chain);
    expect(moveStep(chain, 2, 1)).toBe(chain);
    chain = removeStep(chain, 0);
    expect(chain).toEqual([{ op: 'replace', from: '-', to: ' ' }, { op: 'upper' }]);
  });

  it('say what is wrong with a step before the backend sees it', () => {
    expect(stepProblem({ op: 'replace', from: '', to: 'x' })).toBe('emptyFind');
    expect(stepProblem({ op: 'regexExtract', pattern: '(APM', group: 1 })).toBe('badPattern');
    expect(stepProblem({ op: 'regexExtract', pattern: '(APM\\d+)', group: 1 })).toBeNull();
    expect(stepProblem({ op: 'date', formats: [' '] })).toBe('noFormat');
    expect(stepProblem({ op: 'split', separator: '', index: null })).toBe('emptySeparator');
    expect(chainReady([{ op: 'trim' }, { op: 'date', formats: ['dd/MM/yyyy'] }])).toBe(true);
    expect(chainReady([{ op: 'trim' }, { op: 'date', formats: [] }])).toBe(false);
  });
});
