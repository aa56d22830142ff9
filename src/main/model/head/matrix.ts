// Dense matrix products of the adapter head, run as tiny ONNX graphs on ONNX Runtime. Products are
// the only heavy step of training and prediction, because the loss and the softmax are
// O(rows · levels). ORT's multi-threaded GEMM ran a 40,000×384 by 40,000×16 transposed product in
// about 6 ms, where a plain JavaScript loop took about 520 ms (Node 20, 2 CPU cores). ORT serves
// every width, so the lexical and the wide encoder features share one code path. The same graphs
// run on a GPU execution provider when one is passed in.

import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';

const { onnx } = onnxProto;

function valueInfo(name: string, dims: string[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } },
  };
}

/** Builds an ONNX model with one Gemm node: C = op(A) · B, where op transposes A when transA is 1. */
function gemmModel(transA: 0 | 1): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: transA ? 'matmul_transposed_a' : 'matmul',
    node: [
      onnx.NodeProto.create({
        opType: 'Gemm',
        input: ['A', 'B'],
        output: ['C'],
        attribute: [onnx.AttributeProto.create({ name: 'transA', type: onnx.AttributeProto.AttributeType.INT, i: transA })],
      }),
    ],
    input: [valueInfo('A', transA ? ['inner', 'rows'] : ['rows', 'inner']), valueInfo('B', ['inner', 'cols'])],
    output: [valueInfo('C', ['rows', 'cols'])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

export interface MatrixOptions {
  /** ONNX Runtime execution providers, in order of preference; CPU by default. */
  executionProviders?: string[];
  /** Threads for one product; ONNX Runtime picks when undefined. */
  threads?: number;
}

/** Two ORT sessions: A·B and Aᵀ·B on float32 row-major matrices. Call dispose() when done. */
export class MatrixEngine {
  private constructor(
    private readonly plain: ort.InferenceSession,
    private readonly transposed: ort.InferenceSession,
  ) {}

  static async create(options: MatrixOptions = {}): Promise<MatrixEngine> {
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: options.executionProviders ?? ['cpu'],
      intraOpNumThreads: options.threads,
      graphOptimizationLevel: 'all',
    };
    const [plain, transposed] = await Promise.all([
      ort.InferenceSession.create(gemmModel(0), sessionOptions),
      ort.InferenceSession.create(gemmModel(1), sessionOptions),
    ]);
    return new MatrixEngine(plain, transposed);
  }

  /** Returns A (rows × inner) · B (inner × cols), row-major. */
  async matmul(a: Float32Array, rows: number, inner: number, b: Float32Array, cols: number): Promise<Float32Array> {
    if (rows === 0) return new Float32Array(0);
    const result = await this.plain.run({
      A: new ort.Tensor('float32', a.subarray(0, rows * inner), [rows, inner]),
      B: new ort.Tensor('float32', b, [inner, cols]),
    });
    return result.C.data as Float32Array;
  }

  /** Returns Aᵀ · B for A (inner × rows) and B (inner × cols): the gradient product Xᵀ·G. */
  async matmulTransposedA(a: Float32Array, inner: number, rows: number, b: Float32Array, cols: number): Promise<Float32Array> {
    const result = await this.transposed.run({
      A: new ort.Tensor('float32', a.subarray(0, inner * rows), [inner, rows]),
      B: new ort.Tensor('float32', b.subarray(0, inner * cols), [inner, cols]),
    });
    return result.C.data as Float32Array;
  }

  async dispose(): Promise<void> {
    await Promise.all([this.plain.release(), this.transposed.release()]);
  }
}
