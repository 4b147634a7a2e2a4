/**
 * A hostile network between a few peers, driven by a seeded random source: every update a peer
 * makes is sent to every other peer, and the network delivers messages out of order, delivers
 * some twice, holds others back for a while, and cuts the peers into groups that cannot reach
 * each other until it heals. It loses nothing for good: once healed, everything arrives.
 */

/** One update on its way from one peer to another. */
interface Message {
  readonly from: number
  readonly to: number
  readonly update: Uint8Array
}

/** Chances of the network's misbehaviours, per message or per step. */
export interface NetworkWeather {
  /** A message sent is also delivered a second time, later. */
  readonly duplicate: number
  /** A message picked for delivery is held back this step. */
  readonly delay: number
  /** Per step: the peers are cut into random groups (or rejoined). */
  readonly partition: number
}

export const STORMY: NetworkWeather = { duplicate: 0.1, delay: 0.3, partition: 0.05 }

export class Network {
  private readonly inFlight: Message[] = []
  /** Group of each peer while partitioned; null when everyone reaches everyone. */
  private groups: number[] | null = null
  delivered = 0
  duplicated = 0
  partitions = 0

  constructor(
    private readonly peerCount: number,
    private readonly random: () => number,
    private readonly deliver: (to: number, update: Uint8Array) => void,
    private readonly weather: NetworkWeather = STORMY,
  ) {}

  /** Queues a peer's update for every other peer. */
  send(from: number, update: Uint8Array): void {
    for (let to = 0; to < this.peerCount; to++) {
      if (to === from) continue
      this.inFlight.push({ from, to, update })
      if (this.random() < this.weather.duplicate) {
        this.inFlight.push({ from, to, update })
        this.duplicated++
      }
    }
  }

  private reachable(message: Message): boolean {
    return this.groups === null || this.groups[message.from] === this.groups[message.to]
  }

  /** Maybe changes the partition, then delivers up to `count` messages picked at random among those that can get through. */
  step(count: number): void {
    if (this.random() < this.weather.partition) {
      if (this.groups === null) {
        this.groups = Array.from({ length: this.peerCount }, () => Math.floor(this.random() * 2))
        this.partitions++
      } else {
        this.groups = null
      }
    }
    for (let i = 0; i < count && this.inFlight.length > 0; i++) {
      const index = Math.floor(this.random() * this.inFlight.length)
      const message = this.inFlight[index]!
      if (!this.reachable(message) || this.random() < this.weather.delay) continue
      this.inFlight.splice(index, 1)
      this.delivered++
      this.deliver(message.to, message.update)
    }
  }

  /** Ends any partition and delivers everything still in flight, in random order (deliveries may send more). */
  heal(): void {
    this.groups = null
    while (this.inFlight.length > 0) {
      const [message] = this.inFlight.splice(Math.floor(this.random() * this.inFlight.length), 1)
      this.delivered++
      this.deliver(message!.to, message!.update)
    }
  }
}
