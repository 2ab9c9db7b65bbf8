/**
 * Alternates the host page's title between `prefix + title` and the title itself, and puts the title back when
 * stopped. A title the page sets while blinking becomes the one restored.
 */
export class TitleBlinker {
  private timer: ReturnType<typeof setInterval> | null = null;
  private original = '';
  private shown = '';

  constructor(
    private readonly doc: Document,
    public prefix: string,
    private readonly intervalMs = 1000,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.original = this.doc.title;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.adoptPageTitle();
    this.doc.title = this.original;
  }

  private adoptPageTitle(): void {
    const current = this.doc.title;
    if (current !== this.shown && current !== this.original) this.original = current;
  }

  private tick(): void {
    this.adoptPageTitle();
    this.shown = this.doc.title === this.original ? this.prefix + this.original : this.original;
    this.doc.title = this.shown;
  }
}
