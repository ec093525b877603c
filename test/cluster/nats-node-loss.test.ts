// A NATS node lost under taps (ADR 0018, docs/operations.md "A NATS cluster"): a gateway on a
// three-node cluster with every stream and bucket at three replicas, a device tapping as firmware
// does (each tap kept and resent until decided, reconnecting after a close). The node leading the
// LEDGER stream is SIGKILLed: taps are answered again once the stream has a new leader, every
// tap is answered, and the ledger holds each (device, seq) exactly once. Then a follower is killed.
import t from 'tap';
import { DeviceClient } from '../../simulator/device-client.js';
import { startGateway, startStack } from '../helpers/stack.js';
import { ENTRY, makeFixture, readLedger, within, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';

/** How long taps may go unanswered after a node's death before the test fails, in ms. */
const ANSWERS_BACK_WITHIN_MS = 60_000;
/** One tap's wait for its decision before the device resends it (after reconnecting if closed), in ms. */
const TAP_WAIT_MS = 2_000;

/** A device that keeps its tap until it is decided, resending it (and reconnecting) as the protocol says. */
class PatientDevice {
  private client: DeviceClient | null = null;
  seq = 0;
  constructor(private readonly url: string, private readonly d: TestDevice, private readonly uid: Buffer) {}

  /** Taps once; resolves when decided, with the time it took (ms). */
  async tapOnce(): Promise<number> {
    const seq = ++this.seq;
    const started = Date.now();
    for (;;) {
      try {
        if (this.client === null || this.client.closed !== null) {
          this.client = await within(DeviceClient.connect(this.url, this.d.id, this.d.secret), WAIT_MS, 'connect');
        }
        await within(this.client.tap([{ seq, uid: this.uid, direction: seq % 2 === 1 ? ENTRY : 2 }]), TAP_WAIT_MS, `tap ${seq}`);
        return Date.now() - started;
      } catch {
        if (Date.now() - started > ANSWERS_BACK_WITHIN_MS) throw new Error(`tap ${seq} not decided within ${ANSWERS_BACK_WITHIN_MS} ms`);
        this.client?.close();
        this.client = null;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  close(): void { this.client?.close(); }
}

t.test('nats node loss - taps are answered again after the LEDGER leader dies, each decided once', async (t) => {
  const stack = await startStack({ clickhouse: false, natsCluster: true });
  t.teardown(() => stack.stop());
  const fx = makeFixture({ pupils: 4, staff: 0, turnstiles: 1 });
  await stack.loadRegistry(fx.doc);
  const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-r3', TAPGATE_REPEAT_WINDOW_MS: '0' });
  t.teardown(() => gw.stop('SIGKILL'));
  const device = new PatientDevice(gw.deviceUrl, fx.turnstiles[0]!, fx.pupils[0]!.uid);
  t.teardown(() => device.close());
  for (let i = 0; i < 20; i++) await device.tapOnce();

  for (const which of ['leader', 'follower'] as const) {
    const leader = await stack.cluster!.streamLeader('LEDGER');
    t.ok(leader !== null, 'the LEDGER stream has a leader');
    const victim = which === 'leader' ? leader!.name : stack.cluster!.nodes.find((n) => n.name !== leader!.name && n.running())!.name;
    const killedAt = Date.now();
    await stack.cluster!.kill(victim);
    const waitMs = await device.tapOnce();
    t.comment(`${which} ${victim} killed: the next tap was decided ${waitMs} ms later (${Date.now() - killedAt} ms after the kill)`);
    for (let i = 0; i < 20; i++) await device.tapOnce();
    t.pass(`taps are decided again after the ${which} died`);
    await stack.cluster!.restart(victim);
  }
  t.equal(gw.child.exitCode, null, 'the gateway never exited');
  const seqs = (await readLedger(stack.nc, 3000)).flatMap((m) => m.batch.passes.map((p) => Number(p.seq)));
  t.equal(seqs.length, device.seq, 'every tap is in the ledger');
  t.equal(new Set(seqs).size, seqs.length, 'none twice');
});
