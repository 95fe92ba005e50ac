// The part shared by every filter that links one named sub-pipeline of its module: the name is its
// only target, `bind()` resolves it to a layout on the prototype, and every clone gets that layout.
// How many sub-pipelines a stream opens (one, one per message, one per fork) is the subclass's.

import { Filter } from '../filter.js';
import type { PipelineLayout } from '../pipeline.js';
import { requireLayout } from '../pipeline.js';

export abstract class TargetFilter extends Filter {
  /** The target's layout, set by `bind()` on the prototype and shared by its clones. */
  protected layout: PipelineLayout | null = null;

  constructor(protected readonly target: string) {
    super();
  }

  override targets(): string[] {
    return [this.target];
  }

  override bind(): void {
    this.layout = requireLayout(this.module, this.target);
  }

  /** Finishes a clone of the prototype: same module, same bound layout. */
  protected twin<T extends TargetFilter>(copy: T): T {
    this.adopt(copy).layout = this.layout;
    return copy;
  }
}
