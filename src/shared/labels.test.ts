import { describe, expect, it } from 'vitest'
import { labelSetProblem } from './labels'
import { DEFAULT_LABELS } from './spans'

describe('labelSetProblem', () => {
  it('accepts the defaults and an added label', () => {
    expect(labelSetProblem(DEFAULT_LABELS)).toBeUndefined()
    expect(
      labelSetProblem([...DEFAULT_LABELS, { name: 'évidence', color: '#aa00aa', key: '4', guideline: '' }])
    ).toBeUndefined()
  })

  it.each([
    [[], /at least one/],
    [[{ name: 'a b', color: '#000000', key: '1', guideline: '' }], /not a label name/],
    [
      [
        { name: 'a', color: '#000000', key: '1', guideline: '' },
        { name: 'a', color: '#000000', key: '2', guideline: '' }
      ],
      /Two labels are named/
    ],
    [
      [
        { name: 'a', color: '#000000', key: '1', guideline: '' },
        { name: 'b', color: '#000000', key: '1', guideline: '' }
      ],
      /Two labels use the key/
    ],
    [[{ name: 'a', color: '#000000', key: '12', guideline: '' }], /single character/],
    [[{ name: 'a', color: 'red', key: '1', guideline: '' }], /colour/]
  ])('refuses %j', (labels, problem) => {
    expect(labelSetProblem(labels)).toMatch(problem)
  })
})
