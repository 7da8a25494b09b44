/** workerd: a Worker whose fetch handler runs the program with the input POSTed to it. */
import * as Program from "../program.ts"

export default {
  async fetch(request: Request): Promise<Response> {
    try {
      return Response.json(await Program.run(await request.json() as Program.Input))
    } catch (error) {
      return new Response(String(error), { status: 500 })
    }
  }
}
