print("partmap")
