// dump([tag]): logs every event and passes it on (§4.5), Data with a hex dump as raw lines.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, bufferOf, headOf, errorOf, errorCode } from '../events.js';
import { streamErrorMessages } from '../errors.js';
import { jsonOf } from '../guest-json.js';
import * as log from '../log.js';

const rule = '-'.repeat(68);

export class Dump extends Filter {
  readonly name = 'dump';

  constructor(private readonly tag: unknown) {
    super();
  }

  static create(args: unknown[]): Dump {
    return new Dump(args[0]);
  }

  clone(): Dump {
    return this.adopt(new Dump(this.tag));
  }

  protected process(evt: Event): void {
    const tag = this.tag ? ` [${String(this.evalParam(this.tag))}]` : '';
    const prefix = `[dump] [context=${this.context.id}]${tag} `;
    if (isData(evt)) dumpData(prefix, bufferOf(evt));
    else if (isMessageStart(evt)) log.info(prefix + 'MessageStart' + headText(headOf(evt)));
    else if (isMessageEnd(evt)) log.info(prefix + 'MessageEnd');
    else log.info(prefix + 'StreamEnd' + (errorOf(evt) ? ` [${errorCode(evt)}] ${streamErrorMessages[errorCode(evt)]}` : ''));
    this.output(evt);
  }
}

function headText(head: unknown): string {
  return head === null || head === undefined ? '' : ' ' + jsonOf(head);
}

function dumpData(prefix: string, buf: Buffer): void {
  if (!buf.length) return log.info(prefix + 'Data Flush');
  log.info(prefix + `Data [size=${buf.length}]`);
  log.raw(rule);
  for (let i = 0; i < buf.length; i += 16) log.raw(hexLine(buf.subarray(i, i + 16)));
  log.raw(rule);
}

/** 16 bytes as upper-case hex triples, ` | `, then the printable characters. */
export function hexLine(row: Buffer): string {
  let hex = '';
  let text = '';
  for (const b of row) {
    hex += b.toString(16).toUpperCase().padStart(2, '0') + ' ';
    text += b < 0x20 || b >= 0x7f ? '?' : String.fromCharCode(b);
  }
  return hex + ' - '.repeat(16 - row.length) + ' | ' + text + '.'.repeat(16 - row.length);
}
