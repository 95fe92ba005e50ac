// dummy(): swallows every event (§4.5).

import { Filter } from '../filter.js';

export class Dummy extends Filter {
  readonly name = 'dummy';

  static create(): Dummy {
    return new Dummy();
  }

  clone(): Dummy {
    return this.adopt(new Dummy());
  }

  protected process(): void {}
}
