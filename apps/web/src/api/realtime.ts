import type { PresenceViewer, RealtimeServerMessage } from './types';

type Listener = (message: RealtimeServerMessage) => void;
export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * The app's WebSocket to /api/v2/realtime: reconnects with back-off, repeats which
 * ticket is open after a reconnect, and hands every message to the listeners.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<(state: ConnectionState) => void>();
  private viewing: number | null = null;
  private typing = false;
  private retry = 0;
  private stopped = false;
  private pingTimer: number | undefined;
  state: ConnectionState = 'closed';

  connect() {
    this.stopped = false;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v2/realtime`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.retry = 0;
      this.setState('open');
      if (this.viewing !== null) this.send({ type: 'viewing', ticket_id: this.viewing });
      this.pingTimer = window.setInterval(() => this.send({ type: 'ping' }), 25_000);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as RealtimeServerMessage;
      for (const listener of this.listeners) listener(message);
    };
    socket.onclose = (event) => {
      window.clearInterval(this.pingTimer);
      this.setState('closed');
      if (this.stopped || event.code === 4401 || event.code === 4403) return;
      const delay = Math.min(30_000, 500 * 2 ** this.retry++);
      window.setTimeout(() => !this.stopped && this.connect(), delay);
    };
  }

  close() {
    this.stopped = true;
    this.socket?.close();
  }

  subscribe(listener: Listener) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  onState(listener: (state: ConnectionState) => void) {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  setViewing(ticketId: number | null) {
    if (this.viewing === ticketId) return;
    this.viewing = ticketId;
    this.typing = false;
    this.send({ type: 'viewing', ticket_id: ticketId });
  }

  setTyping(ticketId: number, typing: boolean) {
    if (this.viewing !== ticketId || this.typing === typing) return;
    this.typing = typing;
    this.send({ type: 'typing', ticket_id: ticketId, typing });
  }

  private send(message: unknown) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: ConnectionState) {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

export type { PresenceViewer };
