#!/usr/bin/env python3
"""Writes the small synthetic traces shipped in models/ (deterministic; run from the repo root).

models/example_trace.csv      Azure's format (TIMESTAMP,ContextTokens,GeneratedTokens): 240 rows
                              over 2 minutes, bursty arrivals, long-tailed prompt lengths.
models/calibration_inputs.csv loadtwin's format (offset_ms,input_tokens,output_tokens): one
                              request a second with prompts from 100 to 8000 tokens, output
                              left to the model (-), for calibrate's per-input-token cost.
"""
import random
from datetime import datetime, timedelta

rng = random.Random(20231116)

start = datetime(2024, 1, 1, 12, 0, 0)
t = 0.0
with open("models/example_trace.csv", "w") as out:
    out.write("TIMESTAMP,ContextTokens,GeneratedTokens\n")
    for i in range(240):
        burst = 1 if (i // 40) % 2 == 0 else 3
        t += rng.expovariate(2.0 * burst)
        stamp = start + timedelta(seconds=t)
        context = int(min(16000, rng.lognormvariate(7.0, 0.9)))
        generated = max(1, int(min(1500, rng.lognormvariate(4.0, 0.8))))
        out.write(f"{stamp:%Y-%m-%d %H:%M:%S}.{stamp.microsecond:06d}0,{context},{generated}\n")

with open("models/calibration_inputs.csv", "w") as out:
    out.write("# loadtwin trace: offset_ms,input_tokens,output_tokens (- = the model decides)\n")
    out.write("offset_ms,input_tokens,output_tokens\n")
    for i in range(60):
        out.write(f"{i * 1000},{rng.randint(100, 8000)},-\n")
