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

const key = (roomId: string) => `binding:${roomId}`;
const INDEX = 'bindings:index';

export class Bindings {
  constructor(private readonly store: Store) {}

  get(roomId: string): Promise<Binding | undefined> {
    return this.store.get<Binding>(key(roomId));
  }

  async set(b: Binding): Promise<void> {
    await this.store.set(key(b.roomId), b);
    const index = (await this.store.get<string[]>(INDEX)) ?? [];
    if (!index.includes(b.roomId)) await this.store.set(INDEX, [...index, b.roomId]);
  }

  async delete(roomId: string): Promise<boolean> {
    const had = await this.get(roomId);
    await this.store.delete(key(roomId));
    const index = (await this.store.get<string[]>(INDEX)) ?? [];
    await this.store.set(INDEX, index.filter((id) => id !== roomId));
    return had !== undefined;
  }

  /** Every bound group (for reminders). */
  async all(): Promise<Binding[]> {
    const index = (await this.store.get<string[]>(INDEX)) ?? [];
    const found = await Promise.all(index.map((id) => this.get(id)));
    return found.filter((b): b is Binding => b !== undefined);
  }
}
