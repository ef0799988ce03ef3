import type { Store } from '../store/store.ts';

/** Which department and plan a group belongs to, kept in the store so it survives restarts. */
export interface Binding {
  roomId: string;
  roomTopic: string;
  /** The department as the plan writes it (display name). */
  department: string;
  /** Registry key, stable across aliases. */
  departmentKey: string;
  /** The plan (file) the group works on. */
  file: string;
  city: string | null;
  boundBy: string;
  at: string;
}

/** One record per group. */
const key = (roomId: string) => `binding:${roomId}`;
/** The bound groups: a store set, so groups bound at the same moment never drop each other. */
const ROOMS = 'bindings';
/**
 * Before the set: one stored array of room ids, rewritten on every change (concurrent binds lost
 * each other). Still read, never written, so an upgraded store keeps its groups.
 */
const LEGACY_INDEX = 'bindings:index';

/**
 * The groups' bindings: one record per room (`binding:<roomId>`) plus the set of bound rooms. Each
 * change is a write of its own record and an atomic set add/remove, so concurrent `/绑定` in many
 * groups are all kept (memory, SQLite and Redis alike). Store failures reject (see Store).
 */
export class Bindings {
  constructor(private readonly store: Store) {}

  get(roomId: string): Promise<Binding | undefined> {
    return this.store.get<Binding>(key(roomId));
  }

  async set(b: Binding): Promise<void> {
    await this.store.set(key(b.roomId), b);
    await this.store.addToSet(ROOMS, [b.roomId]);
  }

  async delete(roomId: string): Promise<boolean> {
    const had = await this.get(roomId);
    await this.store.delete(key(roomId));
    await this.store.removeFromSet(ROOMS, [roomId]);
    return had !== undefined;
  }

  /** Every bound group (for reminders), in the order they were bound. */
  async all(): Promise<Binding[]> {
    const [members, legacy] = await Promise.all([this.store.setMembers(ROOMS), this.store.get<string[]>(LEGACY_INDEX)]);
    const ids = [...new Set([...(legacy ?? []), ...members])];
    const found = await Promise.all(ids.map((id) => this.get(id)));
    return byBindingTime(found.filter((b): b is Binding => b !== undefined));
  }
}

/** Oldest binding first; the room id breaks ties so the order is the same on every backend. */
function byBindingTime(bindings: Binding[]): Binding[] {
  return [...bindings].sort((a, b) => a.at.localeCompare(b.at) || a.roomId.localeCompare(b.roomId));
}
