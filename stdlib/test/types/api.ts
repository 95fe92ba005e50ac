// Every PipyJS global used once with the types a script relies on, checked against types/pipy.d.ts.
// Not run: each annotation below is what the declarations must give.

export {};

const pem = '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----';

// ---- Data, events, Message
const bytes: Data = new Data([1, 2]).push('x').push(new Data('aGk=', 'base64'));
const hex: string | undefined = bytes.toString('hex');
const decoded: Data | null = Data.from('zz', 'hex');
const list: number[] = bytes.shiftTo((b) => b === 10).toArray();
const front: Data = bytes.shiftWhile((b) => b < 128).shift(1);
const events: PipyEvent[] = [new MessageStart({ path: '/' }), bytes, new MessageEnd(), new StreamEnd('ConnectionReset')];
const reason: StreamEndError = new StreamEnd().error;
const messages: Message[] = [new Message(), new Message('body'), new Message({ status: 200 }), new Message({ status: 200 }, new Data('x'))];
const body: Data | null = messages[3].body;
const status: unknown = messages[2].head.status;
const endTail: unknown = new MessageEnd({ t: 1 }, 'p').tail;

// ---- console, os, JSON, repeat
console.log(hex, decoded, list, front, events, reason, body, status, endTail);
console.info('i'), console.debug('d'), console.warn('w'), console.error('e');
const file: Data | null = os.readFile('/a.txt');
const dir: string[] | null = os.readDir('/');
const stat = os.stat('/');
const isDir: boolean | undefined = stat?.isDirectory();
const mtime: number | undefined = stat?.mtime;
const home: string | undefined = os.env.HOME;
os.writeFile('/out.txt', file ?? 'none');
const json: Data | undefined = JSON.encode({ a: 1 }, (k, v) => v, 2);
const parsed: unknown = JSON.decode(json);
const stopped: boolean = repeat((i) => i < 3);
const counted: number | undefined = repeat(3, (i) => i);

// ---- stats, http
const counter = new stats.Counter('c', ['l']);
counter.withLabels('x')?.increase();
const total: number = counter.valueOf();
const gauge = new stats.Gauge('g');
gauge.set(1), gauge.increase(), gauge.decrease(2), gauge.zero(), gauge.clear();
const histogram = new stats.Histogram('h', [1, 2], ['peer']);
histogram.observe(1);
const buckets: number[] = histogram.valueOf();
const name: string = histogram.name;
const page = http.File.from('/index.html');
const response: Message | undefined = page?.toMessage('gzip');
const servedPath: string = new http.File('/').path;

// ---- algo
const hashed: number = algo.hash('key');
const cache = new algo.Cache<string, number>((k) => k.length, (k, v) => console.log(k, v), { size: 2, ttl: '5m' });
const cached: number | undefined = cache.get('abc');
cache.set('a', 1);
const removed: boolean = cache.remove('a');
cache.clear();
const router = new algo.URLRouter<number>({ '/': 0 });
router.add('/x/*', 1);
const route: number | undefined = router.find('a.com', '/x/y');
const roundRobin = new algo.RoundRobinLoadBalancer(['a', 'b'], cache);
roundRobin.set('c', 2);
const picked: string | undefined = roundRobin.select();
roundRobin.deselect();
const leastWork = new algo.LeastWorkLoadBalancer({ a: 1 });
leastWork.deselect(leastWork.select() ?? 'a');
const hashing = new algo.HashingLoadBalancer(['x', 'y']);
hashing.add('z');
const sticky: string | undefined = hashing.select('client');
hashing.deselect();
const pool = new algo.ResourcePool(() => ({ id: 1 }));
const resource: { id: number } = pool.allocate('db', 't1');
pool.free(resource), pool.freeTenant('t1');
const percentile = new algo.Percentile([1, 10, 100]);
percentile.observe(5);
const median: number = percentile.calculate(50);
percentile.reset();

// ---- URL, URLSearchParams, Netmask
const url = new URL('c/d', 'http://h.com/a/b');
const urlParts: string[] = [url.auth, url.hash, url.host, url.hostname, url.href, url.origin, url.password, url.path, url.pathname, url.port, url.protocol, url.query, url.search, url.username];
const x: string | null = url.searchParams.get('x');
const params = new URLSearchParams({ a: 'x y', b: [1, 2] });
params.set('c', null);
const all: string[] = params.getAll('b');
const asObject: Record<string, string | string[]> = params.toObject();
const query: string = params.toString();
const block = new Netmask('10.0.0.0/8');
const blockParts: (string | number)[] = [block.base, block.mask, block.bitmask, block.hostmask, block.broadcast, block.size, block.first, block.last, block.next(), block.toString()];
const inside: boolean = block.contains('10.1.2.3');

// ---- XML, Hessian
const doc = XML.parse('<a x="1">t</a>');
const text: string = doc ? XML.stringify(doc, 2) : '';
const element = new XML.Node('b', { k: 'v' }, ['t', new XML.Node('c')]);
const encoded: Data = XML.encode(new XML.Node('', {}, [element]));
const nothing: null = XML.encode(null);
const back: XML.Node | null = XML.decode(encoded);
const firstChild: XML.Node | string | undefined = back?.children[0];
const attributes: Record<string, any> | null = element.attributes;
const serialised: Data = Hessian.encode({ a: [1] });
const revived: unknown = Hessian.decode(serialised);

// ---- crypto
const sha = new crypto.Hash('sha256');
sha.update('x', 'utf8');
const digest: string = sha.digest('hex');
const mac: Data = new crypto.Hmac('sha256', new Data('key')).digest();
const privateKey = new crypto.PrivateKey(pem);
const publicKey = new crypto.PublicKey(new Data(pem), { aliasType: 'sm2' });
const signer = new crypto.Sign('sha256');
signer.update(new Data('x'));
const signature: string = signer.sign(privateKey, 'base64');
const signatureData: Data = new crypto.Sign('sha256').sign(privateKey);
const verified: boolean = new crypto.Verify('sha256').verify(publicKey, signature, 'base64');
const verifiedByPrivate: boolean = new crypto.Verify('sha256').verify(privateKey, signatureData);
const cipher = new crypto.Cipher('aes-128-cbc', { key: '0123456789abcdef', iv: new Data('0123456789abcdef') });
const sealed: Data = cipher.update('x').push(cipher.final());
const opened: Data = new crypto.Decipher('aes-128-cbc', { key: 'k', iv: 'i' }).final();
const certificate = new crypto.Certificate(pem);
const chain = new crypto.CertificateChain(pem);
const jwk = new crypto.JWK({ kty: 'EC', crv: 'P-256', x: '', y: '' });
const jwt = new crypto.JWT('a.b.c');
const trusted: boolean = jwk.isValid && jwt.isValid && jwt.verify(jwk) && jwt.verify('secret') && jwt.verify(privateKey);
const algorithm: unknown = jwt.header.alg ?? jwt.payload.sub;

// ---- pipy, Configuration (every method once), context built-ins
const loaded: Data | null = pipy.load('/config.json');
const port: number | undefined = __inbound?.remotePort;
const module: string = __filename;
const tls = { cert: chain, key: privateKey };
const configuration: pipy.Configuration = pipy(() => ({ _x: 1 }))
  .export('ns', { __shared: 0 })
  .import({ __other: 'ns2' })
  .listen('[::]:8443', { transparent: false, closeEOF: true })
  .acceptTLS('tls', { certificate: (serverName) => tls, trusted: [certificate], alpn: (protocols) => protocols.indexOf('h2') })
  .pipeline('tls')
  .handleTLSClientHello((hello) => console.log(hello.serverNames))
  .detectProtocol((protocol) => console.log(protocol === 'HTTP'))
  .demuxHTTP('request', { bufferSize: '16k' })
  .pipeline('request')
  .use('plugins/router.js', 'request')
  .use(['a.js', 'b.js'], 'request', () => false)
  .use(['a.js', 'b.js'], 'request', 'response', () => false)
  .link('up', () => true, 'down')
  .fork('log', [{ _x: 2 }])
  .demux('each').demuxQueue('each')
  .muxQueue('session', '').merge('session', () => __inbound, { maxIdle: 10 })
  .muxHTTP('connection', () => 'key', { version: 2, maxIdle: '10s', bufferSize: 4096 })
  .fetchHTTP('connection')
  .serveHTTP((request) => new Message({ status: 200 }, request.body ?? ''))
  .serveHTTP(new Message('static'))
  .acceptHTTPTunnel('tunnel', (request) => new Message({ status: 200 }))
  .connectHTTPTunnel('tunnel', new Message({ method: 'CONNECT', path: 'h:443' }))
  .acceptSOCKS('socks', (host, port) => host.length > 0 && port > 0)
  .connectSOCKS('socks', () => 'h:80')
  .connectTLS('tls', { sni: 'example.com', alpn: 'h2', trusted: [certificate] })
  .connect('127.0.0.1:8080', { bufferLimit: '1m', idleTimeout: 60 })
  .exec(['cat', '-'])
  .handleStreamStart((event) => event instanceof Data)
  .handleData((data) => data.size)
  .handleMessageStart((event) => event.head)
  .handleMessageEnd((event) => event.tail)
  .handleStreamEnd((event) => event.error)
  .handleMessageBody((body) => body.size)
  .handleMessageBody('1m', (body) => body.size)
  .handleMessage((message) => message.head)
  .handleMessage(1024, (message) => message.body)
  .replaceStreamStart((event) => [new Data('hi'), event])
  .replaceData((data) => new Data(data.toString()?.toUpperCase() ?? ''))
  .replaceData()
  .replaceMessageStart((event) => new MessageStart({ ...event.head, extra: 1 }))
  .replaceMessageEnd(new MessageEnd())
  .replaceStreamEnd((event) => new StreamEnd(event.error))
  .replaceMessageBody((body) => body.push('!'))
  .replaceMessageBody(100, null)
  .replaceMessage(new StreamEnd())
  .replaceMessage('10k', (message) => [message, null])
  .dummy().dump().dump(() => 'tag').print().tee('/tmp/out').tee(() => '/tmp/out')
  .split((byte) => (byte === 44 ? new MessageEnd() : undefined))
  .pack(10, { timeout: 1, vacancy: 0.5 })
  .deframe({ start: (byte: number) => (byte === 0 ? 'body' : 'start'), body: ['start', 4, new Data()] })
  .depositMessage('/tmp/spool', { threshold: '1m', keep: false })
  .wait(() => loaded !== null, { timeout: 5 })
  .throttleConcurrency(10).throttleDataRate('10k', () => __inbound).throttleMessageRate(() => 100)
  .compressHTTP({ method: 'gzip', level: 'best' }).compressMessage().decompressHTTP((event) => event.head).decompressMessage('inflate')
  .decodeHTTPRequest().encodeHTTPResponse({ final: () => false, bodiless: false }).decodeHTTPResponse({ bodiless: true }).encodeHTTPRequest()
  .decodeWebSocket().encodeWebSocket().decodeDubbo().encodeDubbo({ id: '1' }).decodeMQTT({ protocolLevel: 5 }).encodeMQTT()
  .read('-')
  .task()
  .task('SIGHUP');
pipy.restart();
pipy.exit(1);

console.log(mtime, isDir, home, parsed, stopped, counted, total, buckets, name, response, servedPath, hashed, cached, removed, route, picked,
  sticky, median, urlParts, x, all, asObject, query, blockParts, inside, text, nothing, firstChild, attributes, revived, digest, mac, verified,
  verifiedByPrivate, sealed, opened, trusted, algorithm, port, module, configuration, dir);
