declare module 'superagent' {
  interface Response {
    body: any;
    status: number;
    text: string;
  }
  interface Request extends Promise<Response> {
    timeout(ms: number | { response?: number; deadline?: number }): Request;
    send(body: unknown): Request;
    set(field: string, value: string): Request;
    query(params: Record<string, unknown>): Request;
  }
  interface SuperAgent {
    get(url: string): Request;
    post(url: string): Request;
    put(url: string): Request;
    patch(url: string): Request;
    delete(url: string): Request;
  }
  const request: SuperAgent;
  export default request;
}
