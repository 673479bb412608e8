import { err, type Repositories, type Result, type UnitOfWork } from "@emporium/domain";

const ROLL_BACK = Symbol("roll back");

/**
 * A unit of work that runs the work in a real transaction and always rolls it back, returning
 * what the work returned: a use case over it reports what it would do and changes nothing.
 * `import --dry-run` runs ImportProducts on it.
 */
export class RollbackUnitOfWork implements UnitOfWork {
  constructor(private readonly inner: UnitOfWork) {}

  async run<T, E>(work: (tx: Repositories) => Promise<Result<T, E>>): Promise<Result<T, E>> {
    let outcome: Result<T, E> | undefined;
    await this.inner.run(async (tx) => {
      outcome = await work(tx);
      return err(ROLL_BACK);
    });
    if (outcome === undefined) throw new Error("the rolled-back work returned nothing");
    return outcome;
  }
}
