import { SseParser } from './sse-parser';

describe('reading an event stream', () => {
  it('yields events whole however the chunks split them, skipping heartbeats', () => {
    const parser = new SseParser();
    const stream = 'id: 1\nevent: order\ndata: {"status":"pending"}\n\n: keep-alive\n\nid: 2\r\nevent: order\r\ndata: {"status":"paid"}\r\n\r\n';
    const events = [...stream].flatMap((char) => parser.feed(char));
    expect(events).toEqual([
      { event: 'order', data: '{"status":"pending"}', id: '1' },
      { event: 'order', data: '{"status":"paid"}', id: '2' },
    ]);
  });

  it('joins several data lines and names an unnamed event `message`', () => {
    expect(new SseParser().feed('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb', id: null }]);
  });

  it('keeps a line that has not ended for the next chunk', () => {
    const parser = new SseParser();
    expect(parser.feed('data: par')).toEqual([]);
    expect(parser.feed('tial\n\n')).toEqual([{ event: 'message', data: 'partial', id: null }]);
  });
});
